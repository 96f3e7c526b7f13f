import type { Kysely } from 'kysely';

import type {
  DispatchTables,
  DonationsTables,
  HouseholdsTables,
  MatchingTables,
} from './service-tables.js';
import { orderDetails, routeStops } from './service-tables.js';

/** Units of the flow's lots, by where they are now. */
export interface UnitCounts {
  readonly received: number;
  readonly inStock: number;
  /** Allocated to a need and not delivered yet. */
  readonly allocated: number;
  /** Delivered: on orders dispatch marked done (through matching's allocations). */
  readonly delivered: number;
  readonly writtenOff: number;
}

/** What became of a delivery flow's needs and lots, read from every service's tables. */
export interface DeliveryLedger {
  readonly needs: number;
  /** Needs delivered exactly once. */
  readonly deliveredOnce: number;
  /** Needs with no delivered order. */
  readonly lost: readonly string[];
  /**
   * Needs delivered twice, ordered twice or allocated twice, and records nobody asked for: a
   * need of the flow's households, an order of its district or a lot of its depot that no 2xx
   * answer named (a retried call that took effect twice).
   */
  readonly doubled: readonly string[];
  readonly units: UnitCounts;
  /** Lots whose counts do not add up, within a service or between donations and matching. */
  readonly conservationViolations: readonly string[];
}

/**
 * Reads the outcome of a flow: per need, its live allocations (matching), its orders and
 * their delivered stops over every plan of the day (dispatch); per lot, donations' counts
 * against matching's allocations and dispatch's deliveries.
 */
export async function readDeliveryLedger(options: {
  households: Kysely<HouseholdsTables>;
  matching: Kysely<MatchingTables>;
  dispatch: Kysely<DispatchTables>;
  donations: Kysely<DonationsTables>;
  districtCode: string;
  depotId: string;
  householdIds: readonly string[];
  date: string;
  needIds: readonly string[];
  lotIds: readonly string[];
}): Promise<DeliveryLedger> {
  const { needIds, lotIds } = options;
  const needSet = new Set(needIds);
  const lotSet = new Set(lotIds);
  const doubled = new Set<string>();
  const stored = await options.households
    .selectFrom('needs')
    .select('id')
    .where('household_id', 'in', options.householdIds)
    .execute();
  const storedIds = new Set(stored.map((n) => n.id));
  if (needIds.some((id) => !storedIds.has(id))) {
    throw new Error(`households lacks needs it answered 2xx for`);
  }
  for (const { id } of stored) if (!needSet.has(id)) doubled.add(`stray need ${id}`);

  const allocations = await options.matching
    .selectFrom('allocations')
    .select(['id', 'need_id', 'lot_id', 'quantity', 'status'])
    .where('need_id', 'in', needIds)
    .where('status', 'in', ['made', 'ordered'])
    .execute();
  const allocatedToNeed = new Map<string, number>();
  for (const a of allocations) {
    allocatedToNeed.set(a.need_id, (allocatedToNeed.get(a.need_id) ?? 0) + a.quantity);
  }
  for (const [needId, units] of allocatedToNeed) if (units > 1) doubled.add(needId);

  const orders = (
    await options.dispatch
      .selectFrom('delivery_orders')
      .select(['id', 'status', 'details'])
      .where('district_code', '=', options.districtCode)
      .execute()
  ).map((o) => ({ ...o, details: orderDetails(o.details) }));
  const ourOrders = orders.filter((o) => (o.details.needIds ?? []).some((id) => needSet.has(id)));
  for (const order of orders) {
    if (!ourOrders.includes(order)) doubled.add(`stray order ${order.id}`);
  }
  const deliveredStops = new Map<string, number>();
  const routes = await options.dispatch
    .selectFrom('plan_routes')
    .innerJoin('plans', 'plans.id', 'plan_routes.plan_id')
    .select('plan_routes.route')
    .where('plans.date', '=', options.date)
    .execute();
  for (const { route } of routes) {
    for (const stop of routeStops(route)) {
      if (stop.status === 'delivered') {
        deliveredStops.set(stop.orderId, (deliveredStops.get(stop.orderId) ?? 0) + 1);
      }
    }
  }
  const ordersOfNeed = new Map<string, number>();
  const doneOfNeed = new Map<string, number>();
  const allocationById = new Map(allocations.map((a) => [a.id, a]));
  const deliveredUnits = new Map<string, number>();
  for (const order of ourOrders) {
    if ((deliveredStops.get(order.id) ?? 0) > 1)
      order.details.needIds?.forEach((n) => doubled.add(n));
    for (const needId of order.details.needIds ?? []) {
      if (order.status !== 'cancelled')
        ordersOfNeed.set(needId, (ordersOfNeed.get(needId) ?? 0) + 1);
      if (order.status === 'done') doneOfNeed.set(needId, (doneOfNeed.get(needId) ?? 0) + 1);
    }
    if (order.status !== 'done') continue;
    for (const allocationId of order.details.allocationIds ?? []) {
      const a = allocationById.get(allocationId);
      if (a?.lot_id) deliveredUnits.set(a.lot_id, (deliveredUnits.get(a.lot_id) ?? 0) + a.quantity);
    }
  }
  for (const [needId, n] of ordersOfNeed) if (n > 1) doubled.add(needId);
  for (const [needId, n] of doneOfNeed) if (n > 1) doubled.add(needId);
  const lost = needIds.filter((id) => (doneOfNeed.get(id) ?? 0) === 0);

  const lots = (
    await options.donations
      .selectFrom('lots')
      .selectAll()
      .where('depot_id', '=', options.depotId)
      .execute()
  ).filter((lot) => {
    if (!lotSet.has(lot.id)) doubled.add(`stray lot ${lot.id}`);
    return lotSet.has(lot.id);
  });
  const allocatedOnLot = new Map<string, number>();
  for (const a of await options.matching
    .selectFrom('allocations')
    .select(['lot_id', 'quantity'])
    .where('lot_id', 'in', lotIds)
    .where('status', 'in', ['made', 'ordered'])
    .execute()) {
    if (a.lot_id) allocatedOnLot.set(a.lot_id, (allocatedOnLot.get(a.lot_id) ?? 0) + a.quantity);
  }
  const violations: string[] = [];
  const units = { received: 0, inStock: 0, allocated: 0, delivered: 0, writtenOff: 0 };
  for (const lot of lots) {
    const sum =
      lot.quantity_available +
      lot.quantity_allocated +
      lot.quantity_delivered +
      lot.quantity_written_off;
    if (sum !== lot.quantity_received)
      violations.push(`${lot.id}: counts add up to ${String(sum)}`);
    const matched = allocatedOnLot.get(lot.id) ?? 0;
    if (lot.quantity_allocated + lot.quantity_delivered !== matched) {
      violations.push(
        `${lot.id}: donations holds ${String(lot.quantity_allocated + lot.quantity_delivered)} allocated, matching ${String(matched)}`,
      );
    }
    const delivered = deliveredUnits.get(lot.id) ?? 0;
    if (delivered > matched) {
      violations.push(`${lot.id}: ${String(delivered)} delivered of ${String(matched)} allocated`);
    }
    units.received += lot.quantity_received;
    units.inStock += lot.quantity_available;
    units.allocated += matched - delivered;
    units.delivered += delivered;
    units.writtenOff += lot.quantity_written_off;
  }
  if (lots.length !== new Set(lotIds).size) {
    violations.push(`donations holds ${String(lots.length)} of ${String(lotIds.length)} lots`);
  }
  return {
    needs: needSet.size,
    deliveredOnce: needIds.filter((id) => doneOfNeed.get(id) === 1 && !doubled.has(id)).length,
    lost,
    doubled: [...doubled],
    units,
    conservationViolations: violations,
  };
}
