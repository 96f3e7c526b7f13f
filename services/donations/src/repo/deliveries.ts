import type { Kysely, Transaction } from 'kysely';

import type { AllocationRefusalReason } from '@anbu/contracts/events';

import type { SeenAllocation } from '../domain/allocation-made.js';
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
        // Its `allocation.made` has not been handled yet (it marks the row when it is).
        units_held: false,
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

/**
 * Marks the order's live allocations delivered and returns the units to move from allocated to
 * delivered, by lot: only of allocations whose lot holds their units (a late `allocation.made`
 * delivers the others' units when it comes).
 */
export async function deliverOrderAllocations(db: Db, orderId: string): Promise<DeliveredUnits[]> {
  const rows = await db
    .updateTable('lot_allocations')
    .set({ status: 'delivered' })
    .where('order_id', '=', orderId)
    .where('status', '=', 'ordered')
    .returning(['lot_id', 'quantity', 'units_held'])
    .execute();
  return rows
    .filter((row) => row.units_held)
    .map((row) => ({ lotId: row.lot_id, quantity: row.quantity }))
    .sort((a, b) => a.lotId.localeCompare(b.lotId));
}

/** What donations has seen of one allocation, locked until the transaction ends. */
export async function lockAllocation(
  db: Db,
  allocationId: string,
): Promise<SeenAllocation | undefined> {
  const row = await db
    .selectFrom('lot_allocations')
    .select(['status', 'units_held', 'refused_reason'])
    .where('allocation_id', '=', allocationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  const status =
    row.status === 'delivered' || row.status === 'released' || row.status === 'refused'
      ? row.status
      : ('ordered' as const);
  return {
    status,
    unitsHeld: row.units_held,
    refused: status === 'refused' || row.refused_reason !== null,
  };
}

/** Notes that the allocation's lot now holds its units (`allocation.made` applied). */
export async function markUnitsHeld(
  db: Db,
  allocation: { allocationId: string; lotId: string; quantity: number },
): Promise<void> {
  await db
    .insertInto('lot_allocations')
    .values({
      allocation_id: allocation.allocationId,
      lot_id: allocation.lotId,
      quantity: allocation.quantity,
      order_id: null,
      status: 'ordered',
      units_held: true,
    })
    .onConflict((oc) => oc.column('allocation_id').doUpdateSet({ units_held: true }))
    .execute();
}

/**
 * Notes that the allocation's lot could not hold its units and why: the row becomes `refused`
 * (its order delivers nothing, a release gives nothing back, a redelivered `allocation.made` is
 * not refused twice), or stays `delivered` when dispatch reported its order delivered first.
 */
export async function refuseAllocation(
  db: Db,
  refusal: {
    allocationId: string;
    lotId: string;
    quantity: number;
    reason: AllocationRefusalReason;
    delivered: boolean;
  },
): Promise<void> {
  const status = refusal.delivered ? 'delivered' : 'refused';
  await db
    .insertInto('lot_allocations')
    .values({
      allocation_id: refusal.allocationId,
      lot_id: refusal.lotId,
      quantity: refusal.quantity,
      order_id: null,
      status,
      units_held: false,
      refused_reason: refusal.reason,
    })
    .onConflict((oc) =>
      oc
        .column('allocation_id')
        .doUpdateSet({ status, units_held: false, refused_reason: refusal.reason }),
    )
    .execute();
}

/**
 * Notes a released allocation (also when its `allocation.made` has not been handled yet: that
 * one then finds it released and takes nothing) and says what happens to its units: `delivered`
 * (the household has them: nothing goes back), `released` (the lot held them: give them back) or
 * `not_held` (the lot never took them: nothing to give back).
 */
export async function releaseAllocation(
  db: Db,
  release: { allocationId: string; lotId: string; quantity: number },
): Promise<'released' | 'delivered' | 'not_held'> {
  const current = await lockAllocation(db, release.allocationId);
  if (current?.status === 'delivered') return 'delivered';
  // Refused: the lot never held its units, and the row keeps saying why.
  if (current?.status === 'released' || current?.status === 'refused') return 'not_held';
  await db
    .insertInto('lot_allocations')
    .values({
      allocation_id: release.allocationId,
      lot_id: release.lotId,
      quantity: release.quantity,
      order_id: null,
      status: 'released',
      units_held: false,
    })
    .onConflict((oc) =>
      oc.column('allocation_id').doUpdateSet({ status: 'released', units_held: false }),
    )
    .execute();
  return current?.unitsHeld ? 'released' : 'not_held';
}
