import type { Kysely, Transaction } from 'kysely';

import type { Need } from '@anbu/contracts';
import { needSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { HouseholdsDatabase, NeedRow } from './schema.js';

type Db = Kysely<HouseholdsDatabase> | Transaction<HouseholdsDatabase>;

const COLUMNS = [
  'id',
  'household_id',
  'district_code',
  'source',
  'program_id',
  'enrolment_id',
  'cycle_key',
  'line_index',
  'alert_id',
  'request_id',
  'category',
  'description',
  'quantity',
  'unit',
  'weight_kg',
  'storage_class',
  'deadline',
  'priority',
  'status',
  'note',
  'cancelled_reason',
  'created_by',
  'created_at',
  'updated_at',
] as const;

/** A need row as the contract's {@link Need}. */
export function rowToNeed(row: NeedRow): Need {
  return needSchema.parse({
    id: row.id,
    householdId: row.household_id,
    districtCode: row.district_code,
    source: row.source,
    programId: row.program_id ?? undefined,
    enrolmentId: row.enrolment_id ?? undefined,
    cycleKey: row.cycle_key ?? undefined,
    alertId: row.alert_id ?? undefined,
    requestId: row.request_id ?? undefined,
    category: row.category,
    description: row.description ?? undefined,
    quantity: row.quantity,
    unit: row.unit,
    weightKg: row.weight_kg ?? undefined,
    storageClass: row.storage_class ?? undefined,
    deadline: row.deadline,
    priority: row.priority,
    status: row.status,
    note: row.note ?? undefined,
    cancelledReason: row.cancelled_reason ?? undefined,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  });
}

/** A new need, before it is stored. */
export type NewNeed = Omit<Need, 'status' | 'createdAt' | 'updatedAt' | 'cancelledReason'> & {
  lineIndex?: number;
};

/** Inserts an open need; undefined when it exists (same id, cycle line or care request). */
export async function insertNeed(db: Db, need: NewNeed): Promise<Need | undefined> {
  const row = await db
    .insertInto('needs')
    .values({
      id: need.id,
      household_id: need.householdId,
      district_code: need.districtCode,
      source: need.source,
      program_id: need.programId ?? null,
      enrolment_id: need.enrolmentId ?? null,
      cycle_key: need.cycleKey ?? null,
      line_index: need.lineIndex ?? 0,
      alert_id: need.alertId ?? null,
      request_id: need.requestId ?? null,
      category: need.category,
      description: need.description ?? null,
      quantity: need.quantity,
      unit: need.unit,
      weight_kg: need.weightKg ?? null,
      storage_class: need.storageClass ?? null,
      deadline: need.deadline,
      priority: need.priority,
      status: 'open',
      note: need.note ?? null,
      cancelled_reason: null,
      created_by: need.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && rowToNeed(row);
}

/** One need, or undefined. */
export async function findNeed(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Need | undefined> {
  let query = db.selectFrom('needs').select(COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && rowToNeed(row);
}

/** Cancels open needs (one, a household's, or those of some enrolments); returns those cancelled. */
export async function cancelNeeds(
  db: Db,
  options: {
    needId?: string;
    enrolmentIds?: readonly string[];
    householdId?: string;
    reason: string;
    at: Date;
  },
): Promise<Need[]> {
  let query = db
    .updateTable('needs')
    .set({ status: 'cancelled', cancelled_reason: options.reason, updated_at: options.at })
    .where('status', 'in', ['open', 'allocated']);
  if (options.needId) query = query.where('id', '=', options.needId);
  if (options.householdId) query = query.where('household_id', '=', options.householdId);
  if (options.enrolmentIds) {
    if (options.enrolmentIds.length === 0) return [];
    query = query.where('enrolment_id', 'in', options.enrolmentIds);
  }
  return (await query.returning(COLUMNS).execute()).map(rowToNeed);
}

/** A page of needs, filtered. */
export async function listNeedRows(
  db: Db,
  filter: {
    householdId?: string | undefined;
    programId?: string | undefined;
    districtCodes?: readonly string[] | undefined;
    statuses?: readonly string[] | undefined;
    sources?: readonly string[] | undefined;
    deadlineBefore?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Need[]; nextCursor?: string }> {
  let query = db
    .selectFrom('needs')
    .select(COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.householdId) query = query.where('household_id', '=', filter.householdId);
  if (filter.programId) query = query.where('program_id', '=', filter.programId);
  if (filter.districtCodes)
    query = query.where(
      'district_code',
      'in',
      filter.districtCodes.length ? filter.districtCodes : [''],
    );
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.sources?.length) query = query.where('source', 'in', filter.sources);
  if (filter.deadlineBefore) query = query.where('deadline', '<', filter.deadlineBefore);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToNeed });
}

/** The live enrolments of a program with their household's district and risk level. */
export async function enrolmentsForCycle(db: Db, programId: string) {
  return db
    .selectFrom('enrolments')
    .innerJoin('households', 'households.id', 'enrolments.household_id')
    .select([
      'enrolments.id',
      'enrolments.household_id',
      'enrolments.status',
      'enrolments.starts_on',
      'enrolments.ends_on',
      'households.district_code',
      'households.risk_level',
    ])
    .where('enrolments.program_id', '=', programId)
    .where('enrolments.status', '=', 'active')
    .where('households.status', '=', 'active')
    .execute();
}
