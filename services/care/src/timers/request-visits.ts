import type { AlertSeverity } from '@anbu/contracts';
import { emit } from '@anbu/bus/outbox';
import { seoulDate } from '@anbu/contracts';
import { needRequested } from '@anbu/contracts/events';
import { transaction } from '@anbu/db';

import type { CareDeps } from '../deps.js';
import type { SweepStep } from './sweeper.js';
import { UNKNOWN_DISTRICT } from '../alerting/district.js';
import { claimDueVisits, markVisitRequested } from '../repo/escalations.js';

/** The priority of a requested visit, by the alert's severity. */
export const VISIT_PRIORITY: Readonly<Record<AlertSeverity, number>> = Object.freeze({
  critical: 100,
  high: 90,
  medium: 75,
  low: 60,
});

/**
 * Asks for a carrier's visit (`need.requested`, kind `visit`, due the next day) for every
 * signal alert nobody cleared by phone in time; the households service files the need and the
 * next plan routes it. Each alert asks once.
 */
export function visitRequestStep(
  deps: Pick<CareDeps, 'db' | 'wake'> & { batch: number },
): SweepStep {
  return {
    name: 'request-visits',
    async run(now) {
      const count = await transaction(deps.db, async (trx) => {
        const due = await claimDueVisits(trx, { now, limit: deps.batch });
        for (const alert of due) {
          const requestId = crypto.randomUUID();
          await markVisitRequested(trx, { id: alert.id, requestId });
          await emit(trx, needRequested, {
            requestId,
            householdId: alert.householdId,
            kind: 'visit',
            reason: 'unanswered_check_in',
            alertId: alert.id,
            ...(alert.districtCode === UNKNOWN_DISTRICT
              ? {}
              : { districtCode: alert.districtCode }),
            category: 'welfare_visit',
            quantity: 1,
            unit: 'visit',
            deadline: seoulDate(new Date(now.getTime() + 24 * 3600_000)),
            priority: VISIT_PRIORITY[alert.severity],
          });
        }
        return due.length;
      });
      if (count > 0) deps.wake();
      return count;
    },
  };
}
