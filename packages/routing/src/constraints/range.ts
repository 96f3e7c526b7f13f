import type { Model } from '../problem/model.js';

const EPS = 1e-9;

/** Whether a route's distance and travel time after a change stay within the vehicle's limits. */
export function withinRange(model: Model, v: number, route: { distance: number; travel: number }): boolean {
  return route.distance <= (model.vMaxDist[v] ?? Infinity) + EPS && route.travel <= (model.vMaxTravel[v] ?? Infinity) + EPS;
}

/** Whether a route of `len` tasks respects the vehicle's (and the balance option's) stop cap. */
export function withinMaxTasks(model: Model, v: number, len: number): boolean {
  return len <= (model.vMaxTasks[v] ?? Infinity);
}
