import type { Kysely, Transaction } from 'kysely';

import type { Alert } from '@anbu/contracts';

import type { CareDatabase } from './schema.js';
import { MAX_ESCALATION_LEVEL } from '../domain/alert.js';
import { ALERT_COLUMNS, rowToAlert } from './alerts.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;

/**
 * Claims up to `limit` alerts whose acknowledgement deadline has passed, locked for the
 * caller's transaction. `SKIP LOCKED`: replicas sweeping at once each take different alerts,
 * and an alert one replica is escalating is never seen by another until it commits (by then
 * its deadline has moved on).
 */
export async function claimDueEscalations(
  trx: Transaction<CareDatabase>,
  options: { now: Date; limit: number },
): Promise<Alert[]> {
  const rows = await trx
    .selectFrom('alerts')
    .select(ALERT_COLUMNS)
    .where('status', 'in', ['raised', 'escalated'])
    .where('acknowledged_at', 'is', null)
    .where('escalation_level', '<', MAX_ESCALATION_LEVEL)
    .where('ack_deadline', '<=', options.now)
    .orderBy('ack_deadline')
    .limit(options.limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(rowToAlert);
}

/** Records one escalation step: the level, when, and the next level's deadline. */
export async function markEscalated(
  db: Db,
  options: { id: string; level: number; at: Date; ackDeadline: string },
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({
      status: 'escalated',
      escalation_level: options.level,
      escalated_at: options.at,
      ack_deadline: options.ackDeadline,
    })
    .where('id', '=', options.id)
    .execute();
}

/** Signal alerts nobody cleared by their `visit_due_at`, locked (`SKIP LOCKED`) for the caller. */
export async function claimDueVisits(
  trx: Transaction<CareDatabase>,
  options: { now: Date; limit: number },
): Promise<Alert[]> {
  const rows = await trx
    .selectFrom('alerts')
    .select(ALERT_COLUMNS)
    .where('visit_due_at', 'is not', null)
    .where('visit_due_at', '<=', options.now)
    .where('visit_request_id', 'is', null)
    .where('status', '<>', 'resolved')
    .orderBy('visit_due_at')
    .limit(options.limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(rowToAlert);
}

/** Records the visit requested for a signal alert (it is requested once). */
export async function markVisitRequested(
  db: Db,
  options: { id: string; requestId: string },
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ visit_request_id: options.requestId })
    .where('id', '=', options.id)
    .execute();
}

/** An `ok` from a feed cleared the household: its signal alerts no longer ask for a visit. */
export async function cancelPendingVisits(db: Db, householdId: string): Promise<number> {
  const result = await db
    .updateTable('alerts')
    .set({ visit_due_at: null })
    .where('household_id', '=', householdId)
    .where('origin', '=', 'signal')
    .where('visit_request_id', 'is', null)
    .where('visit_due_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
