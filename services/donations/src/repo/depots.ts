import type { Kysely, Transaction } from 'kysely';

import type { Depot } from '@anbu/contracts';
import { depotSchema } from '@anbu/contracts';

import type { DepotRow, DonationsDatabase } from './schema.js';

type Db = Kysely<DonationsDatabase> | Transaction<DonationsDatabase>;

const COLUMNS = [
  'id',
  'organisation_id',
  'name',
  'address',
  'lat',
  'lng',
  'district_code',
  'storage_classes',
  'capacity_boxes',
  'active',
] as const;

function rowToDepot(row: DepotRow): Depot {
  return depotSchema.parse({
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    address: row.address,
    location: { lat: row.lat, lng: row.lng },
    districtCode: row.district_code,
    storageClasses: row.storage_classes,
    capacityBoxes: row.capacity_boxes,
    active: row.active,
  });
}

/** Inserts a depot; `false` when the id exists already. */
export async function insertDepot(db: Db, depot: Depot): Promise<boolean> {
  const result = await db
    .insertInto('depots')
    .values({
      id: depot.id,
      organisation_id: depot.organisationId,
      name: depot.name,
      address: depot.address,
      lat: depot.location.lat,
      lng: depot.location.lng,
      district_code: depot.districtCode,
      storage_classes: depot.storageClasses,
      capacity_boxes: JSON.stringify(depot.capacityBoxes),
      active: depot.active,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** One depot, or undefined. */
export async function findDepot(db: Db, id: string): Promise<Depot | undefined> {
  const row = await db.selectFrom('depots').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && rowToDepot(row);
}

/** Every depot, optionally of one organisation. */
export async function listDepotRows(
  db: Db,
  filter: { organisationId?: string | undefined },
): Promise<Depot[]> {
  let query = db.selectFrom('depots').select(COLUMNS).orderBy('name');
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  return (await query.execute()).map(rowToDepot);
}
