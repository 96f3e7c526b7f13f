import type { Kysely, Transaction } from 'kysely';

import type { Shift } from '@anbu/contracts';
import { shiftSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { DispatchDatabase, ShiftRow } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;
type Page<T> = Promise<{ items: T[]; nextCursor?: string }>;

const SHIFT_COLUMNS = [
  'id',
  'carrier_id',
  'vehicle_id',
  'date',
  'window_start',
  'window_end',
  'start_depot_id',
  'end_depot_id',
  'anbu_time_budget_minutes',
  'cancelled',
  'district_code',
] as const;

const inserted = (result: { numInsertedOrUpdatedRows?: bigint }) =>
  (result.numInsertedOrUpdatedRows ?? 0n) > 0n;

function rowToShift(row: ShiftRow): Shift {
  return shiftSchema.parse({
    id: row.id,
    carrierId: row.carrier_id,
    vehicleId: row.vehicle_id ?? undefined,
    date: row.date,
    window: { start: row.window_start.toISOString(), end: row.window_end.toISOString() },
    startDepotId: row.start_depot_id,
    endDepotId: row.end_depot_id ?? undefined,
    anbuTimeBudgetMinutes: row.anbu_time_budget_minutes ?? undefined,
    cancelled: row.cancelled,
    districtCode: row.district_code ?? undefined,
  });
}

/** Inserts a shift; `false` when the id exists already. */
export async function insertShift(db: Db, shift: Shift): Promise<boolean> {
  const result = await db
    .insertInto('shifts')
    .values({
      id: shift.id,
      carrier_id: shift.carrierId,
      vehicle_id: shift.vehicleId ?? null,
      date: shift.date,
      window_start: shift.window.start,
      window_end: shift.window.end,
      start_depot_id: shift.startDepotId,
      end_depot_id: shift.endDepotId ?? null,
      anbu_time_budget_minutes: shift.anbuTimeBudgetMinutes ?? null,
      cancelled: shift.cancelled,
      district_code: shift.districtCode ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return inserted(result);
}

/** One shift, or undefined. */
export async function findShift(db: Db, id: string): Promise<Shift | undefined> {
  const row = await db
    .selectFrom('shifts')
    .select(SHIFT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToShift(row);
}

/** Marks a shift cancelled; returns it, or undefined when unknown. */
export async function markShiftCancelled(db: Db, id: string): Promise<Shift | undefined> {
  const row = await db
    .updateTable('shifts')
    .set({ cancelled: true })
    .where('id', '=', id)
    .returning(SHIFT_COLUMNS)
    .executeTakeFirst();
  return row && rowToShift(row);
}

/**
 * A page of the shifts of one day; with `districtCodes` (not empty), only the shifts serving one
 * of them.
 */
export async function listShiftRows(
  db: Db,
  filter: {
    date: string;
    carrierId?: string | undefined;
    districtCodes?: readonly string[] | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Page<Shift> {
  let query = db
    .selectFrom('shifts')
    .select(SHIFT_COLUMNS)
    .where('date', '=', filter.date)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.carrierId) query = query.where('carrier_id', '=', filter.carrierId);
  if (filter.districtCodes && filter.districtCodes.length > 0) {
    query = query.where('district_code', 'in', [...filter.districtCodes]);
  }
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToShift });
}

/** Whether any shift of `date` names the district it serves (a districted roster). */
export async function rosterHasDistricts(db: Db, date: string): Promise<boolean> {
  const row = await db
    .selectFrom('shifts')
    .select('id')
    .where('date', '=', date)
    .where('district_code', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
