import type { Kysely, Transaction } from 'kysely';

import type { KitchenCapacity } from '@anbu/contracts';
import { kitchenCapacitySchema } from '@anbu/contracts';

import type { KitchenCapacityRow, MatchingDatabase } from './schema.js';

type Db = Kysely<MatchingDatabase> | Transaction<MatchingDatabase>;

const COLUMNS = [
  'kitchen_organisation_id',
  'date',
  'depot_id',
  'category',
  'storage_class',
  'boxes',
  'allocated',
] as const;

function rowToCapacity(row: KitchenCapacityRow): KitchenCapacity {
  return kitchenCapacitySchema.parse({
    kitchenOrganisationId: row.kitchen_organisation_id,
    depotId: row.depot_id,
    date: row.date,
    category: row.category,
    storageClass: row.storage_class,
    boxes: row.boxes,
    allocated: row.allocated,
  });
}

/**
 * Sets a kitchen day's boxes (insert or replace); the CHECK refuses fewer boxes than are
 * already allocated.
 */
export async function upsertKitchenDay(
  db: Db,
  day: Omit<KitchenCapacity, 'allocated'>,
): Promise<KitchenCapacity> {
  const values = {
    depot_id: day.depotId,
    category: day.category,
    storage_class: day.storageClass,
    boxes: day.boxes,
  };
  const row = await db
    .insertInto('kitchen_capacity')
    .values({ kitchen_organisation_id: day.kitchenOrganisationId, date: day.date, ...values })
    .onConflict((oc) => oc.columns(['kitchen_organisation_id', 'date']).doUpdateSet(values))
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return rowToCapacity(row);
}

/** Kitchen days from `from` to `to`, by date. */
export async function listKitchenDays(
  db: Db,
  filter: { from: string; to: string; kitchenOrganisationId?: string | undefined },
): Promise<KitchenCapacity[]> {
  let query = db
    .selectFrom('kitchen_capacity')
    .select(COLUMNS)
    .where('date', '>=', filter.from)
    .where('date', '<=', filter.to)
    .orderBy('date')
    .orderBy('kitchen_organisation_id')
    .limit(5000);
  if (filter.kitchenOrganisationId) {
    query = query.where('kitchen_organisation_id', '=', filter.kitchenOrganisationId);
  }
  return (await query.execute()).map(rowToCapacity);
}
