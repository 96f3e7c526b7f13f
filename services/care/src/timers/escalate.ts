import type { NotificationChannel } from '@anbu/contracts';
import { emit } from '@anbu/bus/outbox';
import { alertEscalated } from '@anbu/contracts/events';
import { transaction } from '@anbu/db';

import type { CareDeps } from '../deps.js';
import type { SweepStep } from './sweeper.js';
import { nextEscalation } from '../domain/alert.js';
import { claimDueEscalations, markEscalated } from '../repo/escalations.js';
import { enqueueNotifications } from '../repo/notifications.js';

/**
 * Escalates alerts nobody acknowledged by their deadline, one level each (program manager,
 * then admin): `alert.escalated` and a notification to the new role, in the transaction that
 * moves the deadline on, so an alert escalates once per level, whichever replica sweeps.
 */
export function escalationStep(
  deps: Pick<CareDeps, 'db' | 'wake'> & { channels: readonly NotificationChannel[]; batch: number },
): SweepStep {
  return {
    name: 'escalate',
    async run(now) {
      const count = await transaction(deps.db, async (trx) => {
        const due = await claimDueEscalations(trx, { now, limit: deps.batch });
        for (const alert of due) {
          const step = nextEscalation(alert, now);
          if (!step) continue;
          await markEscalated(trx, {
            id: alert.id,
            level: step.level,
            at: now,
            ackDeadline: step.ackDeadline,
          });
          await emit(trx, alertEscalated, {
            alertId: alert.id,
            householdId: alert.householdId,
            districtCode: alert.districtCode,
            severity: alert.severity,
            level: step.level,
            toRole: step.toRole,
            ackDeadline: step.ackDeadline,
          });
          await enqueueNotifications(trx, {
            channels: deps.channels,
            role: step.toRole,
            districtCode: alert.districtCode,
            template: 'alert.escalated',
            alertId: alert.id,
            subject: `[escalated ${step.level}] [${alert.severity}] ${alert.summary}`,
            now,
          });
        }
        return due.length;
      });
      if (count > 0) deps.wake();
      return count;
    },
  };
}
