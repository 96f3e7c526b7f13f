import type { Kysely, Transaction } from 'kysely';

import type { DonationsDatabase } from './schema.js';

type Db = Kysely<DonationsDatabase> | Transaction<DonationsDatabase>;

/** Units of one lot that an order carried to a household. */
export interface DeliveredUnits {
  readonly lotId: string;
  readonly quantity: number;
}

/**
 * Records the lot allocations an order carries (`delivery.ordered`) and returns whether
 * dispatch already reported the order delivered (a `stop.updated` handled first). The order's
 * row is locked first, so this and {@link markOrderDelivered} of the same order queue.
 */
export async function recordOrder(
  db: Db,
  order: {
    orderId: string;
    allocations: readonly { allocationId: string; lotId: string; quantity: number }[];
  },
): Promise<boolean> {
  const row = await db
    .insertInto('delivery_orders')
    .values({ order_id: order.orderId, delivered_at: null })
    .onConflict((oc) => oc.column('order_id').doUpdateSet({ order_id: order.orderId }))
    .returning('delivered_at')
    .executeTakeFirstOrThrow();
  const sorted = [...order.allocations].sort((a, b) =>
    a.allocationId.localeCompare(b.allocationId),
  );
  for (const allocation of sorted) {
    // A release handled first left its row `released`: the order does not revive it.
    await db
      .insertInto('lot_allocations')
      .values({
        allocation_id: allocation.allocationId,
        lot_id: allocation.lotId,
        quantity: allocation.quantity,
        order_id: order.orderId,
        status: 'ordered',
      })
      .onConflict((oc) => oc.column('allocation_id').doUpdateSet({ order_id: order.orderId }))
      .execute();
  }
  return row.delivered_at !== null;
}

/**
 * Notes that dispatch delivered the order; true the first time only (a repeated stop update
 * delivers nothing twice).
 */
export async function markOrderDelivered(
  db: Db,
  delivery: { orderId: string; at: Date },
): Promise<boolean> {
  await db
    .insertInto('delivery_orders')
    .values({ order_id: delivery.orderId, delivered_at: null })
    .onConflict((oc) => oc.column('order_id').doNothing())
    .execute();
  const result = await db
    .updateTable('delivery_orders')
    .set({ delivered_at: delivery.at })
    .where('order_id', '=', delivery.orderId)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks the order's live allocations delivered and returns their units by lot. */
export async function deliverOrderAllocations(db: Db, orderId: string): Promise<DeliveredUnits[]> {
  const rows = await db
    .updateTable('lot_allocations')
    .set({ status: 'delivered' })
    .where('order_id', '=', orderId)
    .where('status', '=', 'ordered')
    .returning(['lot_id', 'quantity'])
    .execute();
  return rows
    .map((row) => ({ lotId: row.lot_id, quantity: row.quantity }))
    .sort((a, b) => a.lotId.localeCompare(b.lotId));
}

/**
 * Notes a released allocation and returns whether its units were delivered already (then
 * nothing goes back to the lot: the household has them).
 */
export async function releaseAllocation(
  db: Db,
  release: { allocationId: string; lotId: string; quantity: number },
): Promise<'released' | 'delivered'> {
  const current = await db
    .selectFrom('lot_allocations')
    .select('status')
    .where('allocation_id', '=', release.allocationId)
    .forUpdate()
    .executeTakeFirst();
  if (current?.status === 'delivered') return 'delivered';
  await db
    .insertInto('lot_allocations')
    .values({
      allocation_id: release.allocationId,
      lot_id: release.lotId,
      quantity: release.quantity,
      order_id: null,
      status: 'released',
    })
    .onConflict((oc) => oc.column('allocation_id').doUpdateSet({ status: 'released' }))
    .execute();
  return 'released';
}
