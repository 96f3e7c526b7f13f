/* eslint-disable max-params -- hot path: positional arguments, no options object allocated per evaluated move */
import type { Model } from '../problem/model.js';
import { travelDistance, travelTime } from '../problem/model.js';
import { routeCost } from '../problem/route-cost.js';
import type { Plan } from '../solution/plan.js';
import type { RouteState } from '../solution/route-state.js';
import type { Touched } from '../solution/touched.js';
import type { Operator } from './operator.js';

const EPS = 1e-9;

/**
 * 2-opt*: exchange the tails of two routes, `A[0..i) + B[j..]` and `B[0..j) + A[i..]`, so that a
 * task is followed by one of its near neighbours. O(dims) per move from the routes' prefix data;
 * limited to interchangeable vehicles (same class, no breaks) and cuts no shipment straddles.
 */
export class TwoOptStar implements Operator {
  readonly name = 'two-opt*';
  readonly #model: Model;
  #a = -1;
  #b = -1;
  #i = 0;
  #j = 0;
  #buf = new Int32Array(64);

  constructor(model: Model) {
    this.#model = model;
  }

  /** Cost of `head(x, i) + tail(y, j)` run by x's vehicle, or Infinity when infeasible. */
  #joined(x: RouteState, y: RouteState, i: number, j: number): number {
    const m = this.#model;
    const v = x.vehicle;
    const len = i + (y.len - j);
    if (len === 0) return 0;
    if (len > (m.vMaxTasks[v] ?? Infinity)) return Infinity;
    const from = i === 0 ? (m.vStart[v] ?? -1) : (m.taskLoc[x.tasks[i - 1] ?? 0] ?? 0);
    const to = j >= y.len ? (m.vEnd[v] ?? -1) : (m.taskLoc[y.tasks[j] ?? 0] ?? 0);
    const yFrom = j === 0 ? (m.vStart[v] ?? -1) : (m.taskLoc[y.tasks[j - 1] ?? 0] ?? 0);
    const dims = m.dims;
    for (let d = 0; d < dims; d++) {
      const cap = (m.vCap[v * dims + d] ?? 0) + EPS;
      const slX = x.slPre[i * dims + d] ?? 0;
      const slXAll = x.slPre[x.len * dims + d] ?? 0;
      const slY = y.slPre[j * dims + d] ?? 0;
      const slYAll = y.slPre[y.len * dims + d] ?? 0;
      // Head loads lose x's tail deliveries and gain y's; tail loads swap y's head (deliveries
      // and pickups so far) for x's.
      if ((x.preMax[i * dims + d] ?? 0) - (slXAll - slX) + (slYAll - slY) > cap) return Infinity;
      const xHead = slX + (x.load[i * dims + d] ?? 0) - slXAll;
      const yHead = slY + (y.load[j * dims + d] ?? 0) - slYAll;
      if ((y.sufMax[j * dims + d] ?? 0) - yHead + xHead > cap) return Infinity;
    }
    const depart = i === 0 ? (m.vTwStart[v] ?? 0) : (x.dep[i - 1] ?? 0);
    if (depart + travelTime(m, v, from, to) > (y.la[j] ?? 0) + EPS) return Infinity;
    const yTailDist = y.distance - (y.cumDist[j] ?? 0) - travelDistance(m, v, yFrom, to);
    const yTailTravel = y.travel - (y.cumTravel[j] ?? 0) - travelTime(m, v, yFrom, to);
    const distance = (x.cumDist[i] ?? 0) + travelDistance(m, v, from, to) + yTailDist;
    const travel = (x.cumTravel[i] ?? 0) + travelTime(m, v, from, to) + yTailTravel;
    if (distance > (m.vMaxDist[v] ?? Infinity) + EPS || travel > (m.vMaxTravel[v] ?? Infinity) + EPS) return Infinity;
    let preference = x.prefPre[i] ?? 0;
    const pref = m.prefCost;
    // Continuity surcharges depend on the vehicle, so y's tail is re-priced for x's vehicle.
    if (pref) for (let k = j; k < y.len; k++) preference += pref[(y.tasks[k] ?? 0) * m.nVehicles + v] ?? 0;
    return routeCost(m, { vehicle: v, distance, travel, preference });
  }

  #gain(a: RouteState, b: RouteState, i: number, j: number): number {
    if ((a.open[i] ?? 0) !== 0 || (b.open[j] ?? 0) !== 0) return -Infinity;
    const na = this.#joined(a, b, i, j);
    if (na === Infinity) return -Infinity;
    const nb = this.#joined(b, a, j, i);
    if (nb === Infinity) return -Infinity;
    return a.cost + b.cost - na - nb;
  }

  search(plan: Plan, t: number): number {
    const m = this.#model;
    const va = plan.routeOf[t] ?? -1;
    const a = plan.routes[va];
    if (!a || a.linear) return 0;
    const p = plan.posOf[t] ?? 0;
    let best = EPS;
    const k = m.neighbourCount;
    const lim = Math.min(k, 30);
    for (let n = 0; n < lim; n++) {
      const u = m.neighbours[t * k + n] ?? 0;
      const vb = plan.routeOf[u] ?? -1;
      const b = plan.routes[vb];
      if (!b || vb === va || b.linear || m.vClass[va] !== m.vClass[vb]) continue;
      const q = plan.posOf[u] ?? 0;
      // t then u: A[..p] + B[q..]; or u then t: B[..q] + A[p..].
      const g1 = this.#gain(a, b, p + 1, q);
      if (g1 > best) [best, this.#a, this.#b, this.#i, this.#j] = [g1, va, vb, p + 1, q];
      const g2 = this.#gain(a, b, p, q + 1);
      if (g2 > best) [best, this.#a, this.#b, this.#i, this.#j] = [g2, va, vb, p, q + 1];
    }
    return best > EPS ? best : 0;
  }

  apply(plan: Plan, touched: Touched): void {
    const m = this.#model;
    const a = plan.routes[this.#a];
    const b = plan.routes[this.#b];
    if (!a || !b) return;
    const i = this.#i;
    const j = this.#j;
    const total = a.len + b.len;
    if (this.#buf.length < total) this.#buf = new Int32Array(total * 2);
    const buf = this.#buf;
    let w = 0;
    for (let x = 0; x < i; x++) buf[w++] = a.tasks[x] ?? 0;
    for (let x = j; x < b.len; x++) buf[w++] = b.tasks[x] ?? 0;
    const aLen = w;
    for (let x = 0; x < j; x++) buf[w++] = b.tasks[x] ?? 0;
    for (let x = i; x < a.len; x++) buf[w++] = a.tasks[x] ?? 0;
    a.reserve(m, aLen + 1);
    b.reserve(m, total - aLen + 1);
    a.tasks.set(buf.subarray(0, aLen));
    a.len = aLen;
    b.tasks.set(buf.subarray(aLen, total));
    b.len = total - aLen;
    for (let x = 0; x < a.len; x++) plan.routeOf[a.tasks[x] ?? 0] = a.vehicle;
    for (let x = 0; x < b.len; x++) plan.routeOf[b.tasks[x] ?? 0] = b.vehicle;
    a.refresh(m);
    b.refresh(m);
    touched.add(a.vehicle);
    touched.add(b.vehicle);
  }
}
