/* eslint-disable max-params -- hot path: positional arguments, no options object allocated per evaluated move */
import type { Model } from '../problem/model.js';
import type { RouteState } from '../solution/route-state.js';

const EPS = 1e-9;

/**
 * Whether task `t` fits before position `pos`: its start load rides from the start to it, and its
 * pickup (start load + delta) rides from it to the end. O(dims) from prefix/suffix maxima.
 */
export function fitsLoad(model: Model, route: RouteState, t: number, pos: number): boolean {
  const dims = model.dims;
  const v = route.vehicle;
  for (let d = 0; d < dims; d++) {
    const cap = (model.vCap[v * dims + d] ?? 0) + EPS;
    const sl = model.taskStartLoad[t * dims + d] ?? 0;
    const after = sl + (model.taskDelta[t * dims + d] ?? 0);
    if ((route.preMax[pos * dims + d] ?? 0) + sl > cap) return false;
    if ((route.sufMax[pos * dims + d] ?? 0) + after > cap) return false;
  }
  return true;
}

/**
 * Whether task `t` can fit anywhere in the route: the prefix maxima only grow along the route and
 * the suffix maxima only shrink, so the first and last positions bound every other.
 */
export function mayFitRoute(model: Model, route: RouteState, t: number): boolean {
  const dims = model.dims;
  const v = route.vehicle;
  const n = route.len;
  for (let d = 0; d < dims; d++) {
    const cap = (model.vCap[v * dims + d] ?? 0) + EPS;
    const sl = model.taskStartLoad[t * dims + d] ?? 0;
    if ((route.preMax[d] ?? 0) + sl > cap) return false;
    if ((route.sufMax[n * dims + d] ?? 0) + sl + (model.taskDelta[t * dims + d] ?? 0) > cap) return false;
  }
  return true;
}

/** Whether task `t` fits at every position: the worst prefix and suffix maxima still leave room. */
export function fitsEverywhere(model: Model, route: RouteState, t: number): boolean {
  const dims = model.dims;
  const v = route.vehicle;
  const n = route.len;
  for (let d = 0; d < dims; d++) {
    const cap = (model.vCap[v * dims + d] ?? 0) + EPS;
    const sl = model.taskStartLoad[t * dims + d] ?? 0;
    if ((route.preMax[n * dims + d] ?? 0) + sl > cap) return false;
    if ((route.sufMax[d] ?? 0) + sl + (model.taskDelta[t * dims + d] ?? 0) > cap) return false;
  }
  return true;
}

/** Whether a task alone exceeds the vehicle's capacity (start load or load after). */
export function exceedsCapacityAlone(model: Model, t: number, v: number): boolean {
  const dims = model.dims;
  for (let d = 0; d < dims; d++) {
    const cap = (model.vCap[v * dims + d] ?? 0) + EPS;
    const sl = model.taskStartLoad[t * dims + d] ?? 0;
    if (sl > cap || sl + (model.taskDelta[t * dims + d] ?? 0) > cap) return true;
  }
  return false;
}

/** Whether adding `amount` (the shipment's delta at its pickup) to load position `k` overflows. */
export function overflowsAt(model: Model, route: RouteState, pickup: number, k: number): boolean {
  const dims = model.dims;
  const v = route.vehicle;
  for (let d = 0; d < dims; d++) {
    const add = model.taskDelta[pickup * dims + d] ?? 0;
    if ((route.load[k * dims + d] ?? 0) + add > (model.vCap[v * dims + d] ?? 0) + EPS) return true;
  }
  return false;
}
