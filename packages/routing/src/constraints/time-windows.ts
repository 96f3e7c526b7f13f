/* eslint-disable max-params -- hot path: positional arguments, no options object allocated per evaluated move */
import type { Model } from '../problem/model.js';
import { travelTime, windowStart } from '../problem/model.js';
import type { RouteState } from '../solution/route-state.js';

const EPS = 1e-9;

/** Departure time and place before position `pos` of a route (the start when `pos` is 0). */
export function departureBefore(model: Model, route: RouteState, pos: number): number {
  return pos === 0 ? (model.vTwStart[route.vehicle] ?? 0) : (route.dep[pos - 1] ?? 0);
}

/** Matrix index of what precedes position `pos` (start depot when 0). */
export function locBefore(model: Model, route: RouteState, pos: number): number {
  return pos === 0 ? (model.vStart[route.vehicle] ?? -1) : (model.taskLoc[route.tasks[pos - 1] ?? 0] ?? 0);
}

/** Matrix index of what sits at position `pos` (end depot when `pos` is the length). */
export function locAt(model: Model, route: RouteState, pos: number): number {
  return pos >= route.len ? (model.vEnd[route.vehicle] ?? -1) : (model.taskLoc[route.tasks[pos] ?? 0] ?? 0);
}

/**
 * Departure from task `t` when visited after leaving `fromLoc` at `time`, or Infinity when no
 * window is reachable.
 */
export function departAfter(model: Model, opts: { v: number; fromLoc: number; time: number; t: number }): number {
  const arrival = opts.time + travelTime(model, opts.v, opts.fromLoc, model.taskLoc[opts.t] ?? 0);
  const s = windowStart(model, opts.t, arrival);
  return s + (model.taskService[opts.t] ?? 0);
}

/**
 * Whether task `t` can be served before position `pos` with every later stop still on time:
 * forward departure vs. the backward latest arrival, O(windows of t).
 */
export function fitsTime(model: Model, route: RouteState, t: number, pos: number): boolean {
  const v = route.vehicle;
  const dep = departAfter(model, { v, fromLoc: locBefore(model, route, pos), time: departureBefore(model, route, pos), t });
  if (dep === Infinity) return false;
  const arrNext = dep + travelTime(model, v, model.taskLoc[t] ?? 0, locAt(model, route, pos));
  return arrNext <= (route.la[pos] ?? 0) + EPS;
}
