import type { Kysely, Transaction } from 'kysely';

import type { DonationRestrictions, ItemCategory, ItemUnit, StorageClass } from '@anbu/contracts';

import type { KitchenDay, OpenNeed, StockLot } from '../domain/plan-inputs.js';
import type { MatchingDatabase } from './schema.js';

type Db = Kysely<MatchingDatabase> | Transaction<MatchingDatabase>;

/**
 * The open needs a run considers: open, not yet fully allocated, deadline not past, optionally
 * of some districts and due by a day.
 */
export async function readOpenNeeds(
  db: Db,
  filter: { today: string; districtCodes: readonly string[]; deadlineUntil?: string | undefined },
): Promise<OpenNeed[]> {
  let query = db
    .selectFrom('open_needs')
    .select([
      'need_id',
      'household_id',
      'district_code',
      'category',
      'unit',
      'quantity',
      'allocated',
      'storage_class',
      'deadline',
      'priority',
      'filed_on',
    ])
    .where('status', '=', 'open')
    .whereRef('allocated', '<', 'quantity')
    .where('deadline', '>=', filter.today)
    .orderBy('need_id');
  if (filter.districtCodes.length > 0)
    query = query.where('district_code', 'in', filter.districtCodes);
  if (filter.deadlineUntil) query = query.where('deadline', '<=', filter.deadlineUntil);
  const rows = await query.execute();
  return rows.map((row) => ({
    needId: row.need_id,
    householdId: row.household_id,
    districtCode: row.district_code,
    category: row.category as ItemCategory,
    unit: row.unit as ItemUnit,
    quantity: row.quantity - row.allocated,
    storageClass: (row.storage_class ?? undefined) as StorageClass | undefined,
    deadline: row.deadline,
    priority: row.priority,
    filedOn: row.filed_on ?? undefined,
  }));
}

/** Lots in stock with units left that have not expired by `today` (Asia/Seoul). */
export async function readStockLots(db: Db, today: string): Promise<StockLot[]> {
  const rows = await db
    .selectFrom('stock_lots')
    .select([
      'lot_id',
      'depot_id',
      'category',
      'unit',
      'quantity',
      'allocated',
      'storage_class',
      'expires_on',
      'restrictions',
    ])
    .where('status', '=', 'in_stock')
    .whereRef('allocated', '<', 'quantity')
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
    .orderBy('lot_id')
    .execute();
  return rows.map((row) => {
    const restrictions = row.restrictions as Partial<DonationRestrictions>;
    return {
      lotId: row.lot_id,
      depotId: row.depot_id,
      category: row.category as ItemCategory,
      unit: row.unit as ItemUnit,
      quantity: row.quantity - row.allocated,
      storageClass: row.storage_class as StorageClass,
      expiresOn: row.expires_on ?? undefined,
      restrictions: {
        householdTypes: restrictions.householdTypes ?? [],
        districtCodes: restrictions.districtCodes ?? [],
      },
    };
  });
}

/** Kitchen days from `today` on with boxes left. */
export async function readKitchenDays(db: Db, today: string): Promise<KitchenDay[]> {
  const rows = await db
    .selectFrom('kitchen_capacity')
    .select([
      'kitchen_organisation_id',
      'date',
      'depot_id',
      'category',
      'storage_class',
      'boxes',
      'allocated',
    ])
    .where('date', '>=', today)
    .whereRef('allocated', '<', 'boxes')
    .orderBy('date')
    .orderBy('kitchen_organisation_id')
    .execute();
  return rows.map((row) => ({
    kitchenOrganisationId: row.kitchen_organisation_id,
    date: row.date,
    depotId: row.depot_id,
    category: row.category as ItemCategory,
    storageClass: row.storage_class as StorageClass,
    boxes: row.boxes - row.allocated,
  }));
}
