import type { Kysely, Transaction } from 'kysely';

import type { Carrier, Shift, Vehicle } from '@anbu/contracts';
import { carrierSchema, shiftSchema, vehicleSchema } from '@anbu/contracts';

import type { CarrierRow, DispatchDatabase, ShiftRow, VehicleRow } from './schema.js';
import { decodeCursor, toPage } from './page.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;
type Page<T> = Promise<{ items: T[]; nextCursor?: string }>;

const VEHICLE_COLUMNS = [
  'id',
  'organisation_id',
  'name',
  'kind',
  'plate',
  'capacity',
  'depot_id',
  'speed_kmh',
  'range_km',
  'refrigerated',
  'active',
] as const;
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
] as const;

const inserted = (result: { numInsertedOrUpdatedRows?: bigint }) =>
  (result.numInsertedOrUpdatedRows ?? 0n) > 0n;

function rowToVehicle(row: VehicleRow): Vehicle {
  return vehicleSchema.parse({
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    kind: row.kind,
    plate: row.plate ?? undefined,
    capacity: row.capacity,
    depotId: row.depot_id,
    speedKmh: row.speed_kmh ?? undefined,
    rangeKm: row.range_km ?? undefined,
    refrigerated: row.refrigerated,
    active: row.active,
  });
}

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
  });
}

/** Inserts a vehicle; `false` when the id exists already. */
export async function insertVehicle(db: Db, vehicle: Vehicle): Promise<boolean> {
  const result = await db
    .insertInto('vehicles')
    .values({
      id: vehicle.id,
      organisation_id: vehicle.organisationId,
      name: vehicle.name,
      kind: vehicle.kind,
      plate: vehicle.plate ?? null,
      capacity: JSON.stringify(vehicle.capacity),
      depot_id: vehicle.depotId,
      speed_kmh: vehicle.speedKmh ?? null,
      range_km: vehicle.rangeKm ?? null,
      refrigerated: vehicle.refrigerated,
      active: vehicle.active,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return inserted(result);
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
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return inserted(result);
}

/** One vehicle, or undefined. */
export async function findVehicle(db: Db, id: string): Promise<Vehicle | undefined> {
  const row = await db
    .selectFrom('vehicles')
    .select(VEHICLE_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToVehicle(row);
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

/** One shift, or undefined. */
export async function findShift(db: Db, id: string): Promise<Shift | undefined> {
  const row = await db
    .selectFrom('shifts')
    .select(SHIFT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToShift(row);
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

/** Writes a changed vehicle back. */
export async function replaceVehicle(db: Db, vehicle: Vehicle): Promise<void> {
  await db
    .updateTable('vehicles')
    .set({
      name: vehicle.name,
      kind: vehicle.kind,
      plate: vehicle.plate ?? null,
      capacity: JSON.stringify(vehicle.capacity),
      depot_id: vehicle.depotId,
      speed_kmh: vehicle.speedKmh ?? null,
      range_km: vehicle.rangeKm ?? null,
      refrigerated: vehicle.refrigerated,
      active: vehicle.active,
    })
    .where('id', '=', vehicle.id)
    .execute();
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

/** A page of vehicles. */
export async function listVehicleRows(db: Db, filter: FleetFilter): Page<Vehicle> {
  let query = db
    .selectFrom('vehicles')
    .select(VEHICLE_COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.depotId) query = query.where('depot_id', '=', filter.depotId);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToVehicle });
}

/** A page of the shifts of one day. */
export async function listShiftRows(
  db: Db,
  filter: {
    date: string;
    carrierId?: string | undefined;
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
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToShift });
}
