import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { Alert } from '@anbu/contracts';
import { alertSchema } from '@anbu/contracts';

import type { AlertRow, CareDatabase } from './schema.js';
import { SEVERITY_RANK } from '../domain/alert.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;

/** The columns of an alert, selected for {@link rowToAlert}. */
export const ALERT_COLUMNS = [
  'id',
  'household_id',
  'district_code',
  'severity',
  'severity_rank',
  'status',
  'reason',
  'summary',
  'observation_ids',
  'raised_at',
  'ack_deadline',
  'acknowledged_at',
  'acknowledged_by',
  'escalation_level',
  'escalated_at',
  'resolved_at',
  'resolved_by',
  'resolution',
  'resolution_note',
  'follow_up_request_id',
] as const;

/** The stored columns of an alert that make the contract type. */
export type AlertColumns = Pick<AlertRow, (typeof ALERT_COLUMNS)[number]>;

/** Maps a stored alert to the contract type. */
export function rowToAlert(row: AlertColumns): Alert {
  return alertSchema.parse({
    id: row.id,
    householdId: row.household_id,
    districtCode: row.district_code,
    severity: row.severity,
    status: row.status,
    reason: row.reason,
    summary: row.summary,
    observationIds: row.observation_ids,
    raisedAt: row.raised_at.toISOString(),
    ackDeadline: row.ack_deadline.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString(),
    acknowledgedBy: row.acknowledged_by ?? undefined,
    escalationLevel: row.escalation_level,
    escalatedAt: row.escalated_at?.toISOString(),
    resolvedAt: row.resolved_at?.toISOString(),
    resolvedBy: row.resolved_by ?? undefined,
    resolution: row.resolution ?? undefined,
    resolutionNote: row.resolution_note ?? undefined,
    followUpRequestId: row.follow_up_request_id ?? undefined,
  });
}

/** Where an alert came from: a visit (or stop update), or a check-in signal. */
export type AlertOrigin = 'visit' | 'signal';

/**
 * Stores a new alert (from {@link newAlert}); `false` when the id exists already. A signal
 * alert carries `visitDueAt`: unless cleared by then, care asks for a carrier's visit.
 */
export async function insertAlert(
  db: Db,
  alert: Alert,
  extra: { origin?: AlertOrigin; visitDueAt?: Date | undefined } = {},
): Promise<boolean> {
  const result = await db
    .insertInto('alerts')
    .values({
      id: alert.id,
      household_id: alert.householdId,
      district_code: alert.districtCode,
      severity: alert.severity,
      severity_rank: SEVERITY_RANK[alert.severity],
      status: alert.status,
      reason: alert.reason,
      summary: alert.summary,
      observation_ids: alert.observationIds,
      raised_at: alert.raisedAt,
      ack_deadline: alert.ackDeadline,
      acknowledged_at: null,
      acknowledged_by: null,
      escalated_at: null,
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      resolution_note: null,
      follow_up_request_id: null,
      origin: extra.origin ?? 'visit',
      visit_due_at: extra.visitDueAt ?? null,
      visit_request_id: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** One alert, or undefined. */
export async function findAlert(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Alert | undefined> {
  let query = db.selectFrom('alerts').select(ALERT_COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && rowToAlert(row);
}

/** Records an acknowledgement. */
export async function markAcknowledged(
  db: Db,
  options: { id: string; by: string; at: Date },
): Promise<Alert> {
  const row = await db
    .updateTable('alerts')
    .set({ status: 'acknowledged', acknowledged_at: options.at, acknowledged_by: options.by })
    .where('id', '=', options.id)
    .returning(ALERT_COLUMNS)
    .executeTakeFirstOrThrow();
  return rowToAlert(row);
}

/** Records a resolution (and the follow-up request it made, if any). */
export async function markResolved(
  db: Db,
  options: {
    id: string;
    by: string;
    at: Date;
    resolution: string;
    note?: string | undefined;
    followUpRequestId?: string | undefined;
  },
): Promise<Alert> {
  const row = await db
    .updateTable('alerts')
    .set({
      status: 'resolved',
      resolved_at: options.at,
      resolved_by: options.by,
      resolution: options.resolution,
      resolution_note: options.note ?? null,
      follow_up_request_id: options.followUpRequestId ?? null,
    })
    .where('id', '=', options.id)
    .returning(ALERT_COLUMNS)
    .executeTakeFirstOrThrow();
  return rowToAlert(row);
}

interface QueueCursor {
  readonly rank: number;
  readonly raisedAt: string;
  readonly id: string;
}

function encodeQueueCursor(alert: Alert): string {
  const cursor: QueueCursor = {
    rank: SEVERITY_RANK[alert.severity],
    raisedAt: alert.raisedAt,
    id: alert.id,
  };
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeQueueCursor(cursor: string | undefined): QueueCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as Partial<QueueCursor>;
    if (
      typeof parsed.rank === 'number' &&
      typeof parsed.raisedAt === 'string' &&
      typeof parsed.id === 'string'
    ) {
      return { rank: parsed.rank, raisedAt: parsed.raisedAt, id: parsed.id };
    }
  } catch {
    // A foreign cursor restarts from the top of the queue.
  }
  return undefined;
}

/** A page of the alert queue: most severe first, then oldest first. */
export async function listAlertRows(
  db: Db,
  filter: {
    districtCodes?: readonly string[] | undefined;
    statuses: readonly string[];
    severities?: readonly string[] | undefined;
    householdId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Alert[]; nextCursor?: string }> {
  let query = db
    .selectFrom('alerts')
    .select(ALERT_COLUMNS)
    .orderBy('severity_rank', 'desc')
    .orderBy('raised_at')
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.districtCodes)
    query = query.where(
      'district_code',
      'in',
      filter.districtCodes.length ? filter.districtCodes : [''],
    );
  if (filter.statuses.length) query = query.where('status', 'in', filter.statuses);
  if (filter.severities?.length) query = query.where('severity', 'in', filter.severities);
  if (filter.householdId) query = query.where('household_id', '=', filter.householdId);
  const after = decodeQueueCursor(filter.cursor);
  if (after) {
    query = query.where(
      sql<boolean>`(severity_rank < ${after.rank} or (severity_rank = ${after.rank} and (raised_at, id) > (${after.raisedAt}::timestamptz, ${after.id}::uuid)))`,
    );
  }
  const rows = await query.execute();
  const more = rows.length > filter.limit;
  const items = (more ? rows.slice(0, filter.limit) : rows).map(rowToAlert);
  const last = items[items.length - 1];
  return { items, ...(more && last ? { nextCursor: encodeQueueCursor(last) } : {}) };
}

/** The household's open alert raised for `reason`, if any (a repeat adds to it instead). */
export async function findOpenAlert(
  db: Db,
  options: { householdId: string; reason: string },
): Promise<Alert | undefined> {
  const row = await db
    .selectFrom('alerts')
    .select(ALERT_COLUMNS)
    .where('household_id', '=', options.householdId)
    .where('reason', '=', options.reason)
    .where('status', '<>', 'resolved')
    .orderBy('raised_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && rowToAlert(row);
}

/** Adds observations to an open alert (a repeat of its reason); keeps at most 50. */
export async function addObservations(
  db: Db,
  options: { id: string; observationIds: readonly string[] },
): Promise<void> {
  if (options.observationIds.length === 0) return;
  await db
    .updateTable('alerts')
    .set({
      observation_ids: sql<
        string[]
      >`(observation_ids || ${sql.val([...options.observationIds])}::uuid[])[1:50]`,
    })
    .where('id', '=', options.id)
    .execute();
}
