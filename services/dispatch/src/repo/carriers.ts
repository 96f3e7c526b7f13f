import type { Kysely, Transaction } from 'kysely';

import type { Carrier } from '@anbu/contracts';
import { carrierSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { CarrierRow, DispatchDatabase } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;
type Page<T> = Promise<{ items: T[]; nextCursor?: string }>;

const CARRIER_COLUMNS = [
  'id',
  'organisation_id',
  'name',
  'kind',
  'capacity',
  'home_depot_id',
  'skills',
  'anbu_time_budget_minutes',
  'user_id',
  'vehicle_id',
  'active',
] as const;

const inserted = (result: { numInsertedOrUpdatedRows?: bigint }) =>
  (result.numInsertedOrUpdatedRows ?? 0n) > 0n;

function rowToCarrier(row: CarrierRow): Carrier {
  return carrierSchema.parse({
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    kind: row.kind,
    capacity: row.capacity,
    homeDepotId: row.home_depot_id,
    skills: row.skills,
    anbuTimeBudgetMinutes: row.anbu_time_budget_minutes ?? undefined,
    userId: row.user_id ?? undefined,
    vehicleId: row.vehicle_id ?? undefined,
    active: row.active,
  });
}

/** Inserts a carrier; `false` when the id exists already. */
export async function insertCarrier(db: Db, carrier: Carrier): Promise<boolean> {
  const result = await db
    .insertInto('carriers')
    .values({
      id: carrier.id,
      organisation_id: carrier.organisationId,
      name: carrier.name,
      kind: carrier.kind,
      capacity: JSON.stringify(carrier.capacity),
      home_depot_id: carrier.homeDepotId,
      skills: carrier.skills,
      anbu_time_budget_minutes: carrier.anbuTimeBudgetMinutes ?? null,
      user_id: carrier.userId ?? null,
      vehicle_id: carrier.vehicleId ?? null,
      active: carrier.active,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return inserted(result);
}

/** One carrier, or undefined. */
export async function findCarrier(db: Db, id: string): Promise<Carrier | undefined> {
  const row = await db
    .selectFrom('carriers')
    .select(CARRIER_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToCarrier(row);
}

/** Carriers by id (for roster checks). */
export async function findCarriers(db: Db, ids: readonly string[]): Promise<Carrier[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('carriers')
    .select(CARRIER_COLUMNS)
    .where('id', 'in', ids)
    .execute();
  return rows.map(rowToCarrier);
}

/** Writes a changed carrier back. */
export async function replaceCarrier(db: Db, carrier: Carrier): Promise<void> {
  await db
    .updateTable('carriers')
    .set({
      name: carrier.name,
      kind: carrier.kind,
      capacity: JSON.stringify(carrier.capacity),
      home_depot_id: carrier.homeDepotId,
      skills: carrier.skills,
      anbu_time_budget_minutes: carrier.anbuTimeBudgetMinutes ?? null,
      user_id: carrier.userId ?? null,
      vehicle_id: carrier.vehicleId ?? null,
      active: carrier.active,
    })
    .where('id', '=', carrier.id)
    .execute();
}

interface FleetFilter {
  depotId?: string | undefined;
  active?: boolean | undefined;
  organisationId?: string | undefined;
  /** Only this carrier (a carrier user sees itself). */
  carrierId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A page of carriers. */
export async function listCarrierRows(db: Db, filter: FleetFilter): Page<Carrier> {
  let query = db
    .selectFrom('carriers')
    .select(CARRIER_COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.depotId) query = query.where('home_depot_id', '=', filter.depotId);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.carrierId) query = query.where('id', '=', filter.carrierId);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToCarrier });
}
