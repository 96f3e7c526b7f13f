import type { Transaction } from 'kysely';

import type { Alert, NotificationChannel } from '@anbu/contracts';
import { emit } from '@anbu/bus/outbox';
import { alertRaised } from '@anbu/contracts/events';

import type { AlertDecision } from '../domain/rules.js';
import type { AlertOrigin } from '../repo/alerts.js';
import type { CareDatabase } from '../repo/schema.js';
import { newAlert } from '../domain/alert.js';
import { addObservations, findOpenAlert, insertAlert } from '../repo/alerts.js';
import { enqueueNotifications } from '../repo/notifications.js';

/** The alert a decision ended in: a new one, or the open alert of the same reason it joined. */
export interface RaisedAlert {
  readonly alert: Alert;
  readonly created: boolean;
}

/**
 * Raises an alert for the caseworkers of the household's district, in the caller's
 * transaction: `alert.raised` through the outbox and a notification per channel. A household
 * that has an open alert for the same reason gets the observations added to it instead.
 */
export async function raiseAlert(
  trx: Transaction<CareDatabase>,
  options: {
    decision: Pick<AlertDecision, 'severity' | 'reason' | 'summary'>;
    householdId: string;
    districtCode: string;
    observationIds: readonly string[];
    origin: AlertOrigin;
    /** Signal alerts: when a visit is requested unless cleared first. */
    visitDueAt?: Date | undefined;
    channels: readonly NotificationChannel[];
    now: Date;
  },
): Promise<RaisedAlert> {
  const open = await findOpenAlert(trx, {
    householdId: options.householdId,
    reason: options.decision.reason,
  });
  if (open) {
    await addObservations(trx, { id: open.id, observationIds: options.observationIds });
    return { alert: open, created: false };
  }
  const alert = newAlert({
    id: crypto.randomUUID(),
    householdId: options.householdId,
    districtCode: options.districtCode,
    ...options.decision,
    observationIds: options.observationIds.slice(0, 50),
    now: options.now,
  });
  await insertAlert(trx, alert, { origin: options.origin, visitDueAt: options.visitDueAt });
  await emit(trx, alertRaised, {
    alertId: alert.id,
    householdId: alert.householdId,
    districtCode: alert.districtCode,
    severity: alert.severity,
    reason: alert.reason,
    ackDeadline: alert.ackDeadline,
  });
  await enqueueNotifications(trx, {
    channels: options.channels,
    role: 'caseworker',
    districtCode: alert.districtCode,
    template: 'alert.raised',
    alertId: alert.id,
    subject: `[${alert.severity}] ${alert.summary}`,
    now: options.now,
  });
  return { alert, created: true };
}
