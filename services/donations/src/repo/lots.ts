import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';

import type { Lot } from '@anbu/contracts';
import { lotSchema } from '@anbu/contracts';
import { stockSummaryRowSchema } from '@anbu/contracts/rpc';
import { decodeCursor, toPage } from '@anbu/db';

import type { DonationsDatabase, LotRow } from './schema.js';

type Db = Kysely<DonationsDatabase> | Transaction<DonationsDatabase>;

const COLUMNS = [
  'id',
  'depot_id',
  'donation_id',
  'organisation_id',
  'category',
  'description',
  'unit',
  'storage_class',
  'expires_on',
  'restrictions',
  'quantity_received',
  'quantity_available',
  'quantity_allocated',
  'quantity_delivered',
  'quantity_written_off',
  'status',
  'received_at',
] as const;

function rowToLot(row: LotRow): Lot {
  return lotSchema.parse({
    id: row.id,
    depotId: row.depot_id,
    donationId: row.donation_id ?? undefined,
    organisationId: row.organisation_id ?? undefined,
    category: row.category,
    description: row.description ?? undefined,
    unit: row.unit,
    storageClass: row.storage_class,
    expiresOn: row.expires_on ?? undefined,
    restrictions: row.restrictions,
    quantityReceived: row.quantity_received,
    quantityAvailable: row.quantity_available,
    quantityAllocated: row.quantity_allocated,
    quantityDelivered: row.quantity_delivered,
    quantityWrittenOff: row.quantity_written_off,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
  });
}

/** Inserts a new lot, all of it available. */
export async function insertLot(
  db: Db,
  lot: Pick<
    Lot,
    'id' | 'depotId' | 'category' | 'unit' | 'storageClass' | 'restrictions' | 'quantityReceived'
  > &
    Partial<Pick<Lot, 'donationId' | 'organisationId' | 'description' | 'expiresOn'>> & {
      receivedAt: Date;
    },
): Promise<Lot> {
  const row = await db
    .insertInto('lots')
    .values({
      id: lot.id,
      depot_id: lot.depotId,
      donation_id: lot.donationId ?? null,
      organisation_id: lot.organisationId ?? null,
      category: lot.category,
      description: lot.description ?? null,
      unit: lot.unit,
      storage_class: lot.storageClass,
      expires_on: lot.expiresOn ?? null,
      restrictions: JSON.stringify(lot.restrictions),
      quantity_received: lot.quantityReceived,
      quantity_available: lot.quantityReceived,
      status: 'in_stock',
      received_at: lot.receivedAt,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return rowToLot(row);
}

/** A page of lots, filtered. */
export async function listLotRows(
  db: Db,
  filter: {
    depotId?: string | undefined;
    categories?: readonly string[] | undefined;
    storageClasses?: readonly string[] | undefined;
    statuses: readonly string[];
    expiresBefore?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Lot[]; nextCursor?: string }> {
  let query = db
    .selectFrom('lots')
    .select(COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.depotId) query = query.where('depot_id', '=', filter.depotId);
  if (filter.categories?.length) query = query.where('category', 'in', filter.categories);
  if (filter.storageClasses?.length)
    query = query.where('storage_class', 'in', filter.storageClasses);
  if (filter.statuses.length) query = query.where('status', 'in', filter.statuses);
  if (filter.expiresBefore) query = query.where('expires_on', '<', filter.expiresBefore);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToLot });
}

/** Stock totals per depot, category and storage class (lots in stock only). */
export async function stockRows(
  db: Db,
  filter: { depotId?: string | undefined },
): Promise<z.infer<typeof stockSummaryRowSchema>[]> {
  let query = db
    .selectFrom('lots')
    .select((eb) => [
      'depot_id',
      'category',
      'storage_class',
      eb.fn.sum<string>('quantity_available').as('available'),
      eb.fn.sum<string>('quantity_allocated').as('allocated'),
      eb.fn.countAll<string>().as('lots'),
      eb.fn.min('expires_on').as('earliest_expiry'),
    ])
    .where('status', '=', 'in_stock')
    .groupBy(['depot_id', 'category', 'storage_class'])
    .orderBy('depot_id')
    .orderBy('category');
  if (filter.depotId) query = query.where('depot_id', '=', filter.depotId);
  const rows = await query.execute();
  return rows.map((row) =>
    stockSummaryRowSchema.parse({
      depotId: row.depot_id,
      category: row.category,
      storageClass: row.storage_class,
      available: Number(row.available),
      allocated: Number(row.allocated),
      lots: Number(row.lots),
      earliestExpiry: row.earliest_expiry ?? undefined,
    }),
  );
}

/** Lots in stock whose date is before `asOf`, locked for the sweep. */
export async function lockExpiringLots(db: Db, asOf: string): Promise<Lot[]> {
  const rows = await db
    .selectFrom('lots')
    .select(COLUMNS)
    .where('status', '=', 'in_stock')
    .where('expires_on', '<', asOf)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(rowToLot);
}

/** One lot, locked for a change. */
export async function lockLot(db: Db, id: string): Promise<Lot | undefined> {
  const row = await db
    .selectFrom('lots')
    .select(COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && rowToLot(row);
}

/**
 * Moves `quantity` available units of a lot to written off (the conservation check in the table
 * refuses anything else); a lot with nothing left to give becomes `status`.
 */
export async function writeOffUnits(
  db: Db,
  options: { id: string; quantity: number; emptyStatus: 'depleted' | 'expired' | 'written_off' },
): Promise<Lot> {
  const row = await db
    .updateTable('lots')
    .set((eb) => ({
      quantity_available: eb('quantity_available', '-', options.quantity),
      quantity_written_off: eb('quantity_written_off', '+', options.quantity),
    }))
    .where('id', '=', options.id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  if (row.quantity_available > 0 || row.quantity_allocated > 0) return rowToLot(row);
  const empty = await db
    .updateTable('lots')
    .set({ status: options.emptyStatus })
    .where('id', '=', options.id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return rowToLot(empty);
}

/** Sets a lot's status (an expired lot stays expired even while allocations still hold units). */
export async function setLotStatus(
  db: Db,
  options: { id: string; status: Lot['status'] },
): Promise<void> {
  await db
    .updateTable('lots')
    .set({ status: options.status })
    .where('id', '=', options.id)
    .execute();
}

/** The unit counts of a lot; they always add up to `quantity_received`. */
type UnitCount =
  'quantity_available' | 'quantity_allocated' | 'quantity_delivered' | 'quantity_written_off';

/**
 * Moves `quantity` units of a lot from one count to another, in one guarded update: only when
 * `from` holds that many (and, with `inStockOnly`, only while the lot is in stock). Undefined
 * when nothing changed (unknown lot, too few units, not in stock).
 */
async function moveUnitsIfHeld(
  db: Db,
  options: { id: string; quantity: number; from: UnitCount; to: UnitCount; inStockOnly?: boolean },
): Promise<Lot | undefined> {
  const { id, quantity, from, to } = options;
  let update = db
    .updateTable('lots')
    .set((eb) => ({ [from]: eb(from, '-', quantity), [to]: eb(to, '+', quantity) }))
    .where('id', '=', id)
    .where(from, '>=', quantity);
  if (options.inStockOnly) update = update.where('status', '=', 'in_stock');
  const row = await update.returning(COLUMNS).executeTakeFirst();
  return row && rowToLot(row);
}

/**
 * Moves `quantity` available units of an in-stock lot to allocated; undefined (nothing changed)
 * if the lot is unknown, out of stock, or has fewer units available, so an allocation never
 * holds more than the lot.
 */
export function allocateUnits(
  db: Db,
  options: { id: string; quantity: number },
): Promise<Lot | undefined> {
  return moveUnitsIfHeld(db, {
    ...options,
    from: 'quantity_available',
    to: 'quantity_allocated',
    inStockOnly: true,
  });
}

/**
 * Gives `quantity` allocated units of a lot back: available again while the lot is in stock,
 * written off once it has expired or been written off. Undefined (nothing changed) if the lot is
 * unknown or holds fewer units allocated.
 */
export async function releaseUnits(
  db: Db,
  options: { id: string; quantity: number },
): Promise<Lot | undefined> {
  // Locked, so that the status that decides where the units go cannot change underneath.
  const lot = await lockLot(db, options.id);
  if (!lot) return undefined;
  const to = lot.status === 'in_stock' ? 'quantity_available' : 'quantity_written_off';
  return moveUnitsIfHeld(db, { ...options, from: 'quantity_allocated', to });
}

/** Moves delivered units of a lot from allocated to delivered; undefined if too few are allocated. */
export function deliverUnits(
  db: Db,
  options: { id: string; quantity: number },
): Promise<Lot | undefined> {
  return moveUnitsIfHeld(db, { ...options, from: 'quantity_allocated', to: 'quantity_delivered' });
}

/**
 * Moves available units of a lot straight to delivered: the order carrying an allocation was
 * delivered before its `allocation.made` was handled. Undefined if too few are available.
 */
export function deliverUnitsFromStock(
  db: Db,
  options: { id: string; quantity: number },
): Promise<Lot | undefined> {
  return moveUnitsIfHeld(db, { ...options, from: 'quantity_available', to: 'quantity_delivered' });
}

/** A donation's lots' units still available, allocated and delivered, summed. */
export async function summariseDonationLots(
  db: Db,
  donationId: string,
): Promise<{ available: number; allocated: number; delivered: number }> {
  const row = await db
    .selectFrom('lots')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<string>('quantity_available'), eb.lit(0)).as('available'),
      eb.fn.coalesce(eb.fn.sum<string>('quantity_allocated'), eb.lit(0)).as('allocated'),
      eb.fn.coalesce(eb.fn.sum<string>('quantity_delivered'), eb.lit(0)).as('delivered'),
    ])
    .where('donation_id', '=', donationId)
    .executeTakeFirstOrThrow();
  return {
    available: Number(row.available),
    allocated: Number(row.allocated),
    delivered: Number(row.delivered),
  };
}
