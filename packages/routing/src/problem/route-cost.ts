import type { Model } from './model.js';

/** Options of {@link routeCost}. */
export interface RouteCostInput {
  readonly vehicle: number;
  readonly distance: number;
  readonly travel: number;
  /** Sum of continuity-of-care surcharges of the tasks on the route. */
  readonly preference: number;
}

/**
 * The one cost formula of a non-empty route: fixed (objective surcharge included), distance and
 * travel time weighted per vehicle, the balance penalty and the continuity surcharges.
 */
export function routeCost(model: Model, { vehicle, distance, travel, preference }: RouteCostInput): number {
  return (
    (model.vFixed[vehicle] ?? 0) +
    (model.vCostDist[vehicle] ?? 0) * distance +
    (model.vCostDur[vehicle] ?? 0) * travel +
    (model.balanceWeight * travel * travel) / 3600 +
    preference
  );
}
