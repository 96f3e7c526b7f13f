import type { EventOf } from '@anbu/contracts';
import type { deliveryOrdered, needCreated } from '@anbu/contracts/events';

/** The need category a carrier's visit serves: no stock moves, so no run allocates it. */
export const VISIT_NEED_CATEGORY = 'welfare_visit';

/** The matcher's status of a need it turned into a visit order straight away. */
export const VISIT_ORDERED = 'visit_ordered';

/** Whether a need is served by a visit (a `visit` order) rather than by stock. */
export function isVisitNeed(need: Pick<EventOf<typeof needCreated>['data'], 'category'>): boolean {
  return need.category === VISIT_NEED_CATEGORY;
}

/**
 * The `delivery.ordered` of a visit need: kind `visit` to the household by the need's deadline,
 * with no items, allocations or depot (nothing is loaded), so dispatch routes a stop that only
 * takes the carrier's time.
 * @example
 * const order = visitOrder(need, { orderId });
 * await emit(trx, deliveryOrdered, order);
 */
export function visitOrder(
  need: EventOf<typeof needCreated>['data'],
  options: { orderId: string },
): EventOf<typeof deliveryOrdered>['data'] {
  return {
    orderId: options.orderId,
    kind: 'visit',
    householdId: need.householdId,
    districtCode: need.districtCode,
    needIds: [need.needId],
    allocations: [],
    items: [],
    storageClass: 'ambient',
    deliverBy: need.deadline,
    priority: need.priority,
  };
}
