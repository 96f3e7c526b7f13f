import type { Kysely, Transaction } from 'kysely';

import type { Vehicle } from '@anbu/contracts';
import { vehicleSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { DispatchDatabase, VehicleRow } from './schema.js';

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

/** One vehicle, or undefined. */
export async function findVehicle(db: Db, id: string): Promise<Vehicle | undefined> {
  const row = await db
    .selectFrom('vehicles')
    .select(VEHICLE_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToVehicle(row);
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

interface FleetFilter {
  depotId?: string | undefined;
  active?: boolean | undefined;
  organisationId?: string | undefined;
  /** Only this carrier (a carrier user sees itself). */
  carrierId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
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
