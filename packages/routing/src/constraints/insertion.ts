/* eslint-disable max-params -- hot path: positional arguments, no options object allocated per evaluated move */
import { DenseMatrix } from '../matrix/dense-matrix.js';
import type { Model } from '../problem/model.js';
import { travelDistance, travelTime, windowStart } from '../problem/model.js';
import { simulateRoute } from '../problem/schedule.js';
import type { RouteState } from '../solution/route-state.js';
import { fitsEverywhere, fitsLoad, overflowsAt } from './capacity.js';
import { Failure, failureOf } from './failure.js';
import { withinMaxTasks, withinRange } from './range.js';
import { hasSkills } from './skills.js';
import { departAfter, departureBefore, locAt, locBefore } from './time-windows.js';

const EPS = 1e-9;

/**
 * Composes the checkers (skills, stop cap, capacity, time windows, range) into insertion costs.
 * Holds scratch buffers so that evaluating a move allocates nothing; `failure` tells why the
 * last refused move was refused.
 */
export class InsertionEvaluator {
  readonly #model: Model;
  #scratch = new Int32Array(64);
  /** Why the last evaluation returned Infinity. */
  failure: Failure = Failure.none;
  /** Positions of the best pair found by {@link InsertionEvaluator.pair}. */
  bestP = -1;
  bestQ = -1;
  /**
   * Set when {@link InsertionEvaluator.single} failed because the task was reached after its last
   * window: departures only grow along a route, so every later position fails too.
   */
  late = false;

  constructor(model: Model) {
    this.#model = model;
  }

  #costWith(route: RouteState, dDist: number, dTravel: number, dPref: number): number {
    const v = route.vehicle;
    const distance = route.distance + dDist;
    const travel = route.travel + dTravel;
    if (!withinRange(this.#model, v, { distance, travel })) {
      this.failure = distance > (this.#model.vMaxDist[v] ?? Infinity) + EPS ? Failure.range : Failure.maxDuration;
      return Infinity;
    }
    // routeCost() inlined: this runs for every evaluated position.
    const m = this.#model;
    const cost =
      (m.vFixed[v] ?? 0) +
      (m.vCostDist[v] ?? 0) * distance +
      (m.vCostDur[v] ?? 0) * travel +
      (m.balanceWeight * travel * travel) / 3600 +
      route.preference +
      dPref;
    return cost - route.cost;
  }

  #pref(t: number, v: number): number {
    return this.#model.prefCost?.[t * this.#model.nVehicles + v] ?? 0;
  }

  /** Builds the task list with the given inserts into scratch and simulates it (break vehicles). */
  #linear(route: RouteState, inserts: { t1: number; p1: number; t2: number; p2: number }): number {
    const n = route.len + (inserts.t2 >= 0 ? 2 : 1);
    if (this.#scratch.length < n) this.#scratch = new Int32Array(n * 2);
    let w = 0;
    for (let i = 0; i <= route.len; i++) {
      if (i === inserts.p1) this.#scratch[w++] = inserts.t1;
      if (inserts.t2 >= 0 && i === inserts.p2) this.#scratch[w++] = inserts.t2;
      if (i < route.len) this.#scratch[w++] = route.tasks[i] ?? 0;
    }
    const r = simulateRoute(this.#model, { vehicle: route.vehicle, tasks: this.#scratch, len: n });
    if (r.violation) {
      this.failure = failureOf(r.violation);
      return Infinity;
    }
    return r.cost - route.cost;
  }

  /** {@link single} on a stored matrix between two real places: plain array reads. */
  #singleDense(route: RouteState, t: number, pos: number, bound: number): number {
    const m = this.#model;
    const mat = m.vMatrix[route.vehicle] as DenseMatrix;
    const n = mat.size;
    const dur = mat.durations;
    const dist = mat.distances;
    const prev = pos === 0 ? (m.vStart[route.vehicle] ?? 0) : (m.taskLoc[route.tasks[pos - 1] ?? 0] ?? 0);
    const next = pos >= route.len ? (m.vEnd[route.vehicle] ?? 0) : (m.taskLoc[route.tasks[pos] ?? 0] ?? 0);
    const x = m.taskLoc[t] ?? 0;
    const tPx = dur[prev * n + x] ?? 0;
    const tXn = dur[x * n + next] ?? 0;
    const depPrev = pos === 0 ? (m.vTwStart[route.vehicle] ?? 0) : (route.dep[pos - 1] ?? 0);
    const arrival = depPrev + tPx;
    if (arrival > (m.twEnd[(m.twOff[t + 1] ?? 1) - 1] ?? 0)) {
      this.late = true;
      this.failure = Failure.timeWindow;
      return Infinity;
    }
    // Cost first: positions that cannot beat the best so far need no window check.
    const dDist = (dist[prev * n + x] ?? 0) + (dist[x * n + next] ?? 0) - (dist[prev * n + next] ?? 0);
    const dTravel = tPx + tXn - (dur[prev * n + next] ?? 0);
    const c = this.#costWith(route, dDist, dTravel, this.#pref(t, route.vehicle));
    if (c >= bound) return Infinity;
    const start = windowStart(m, t, arrival);
    if (start + (m.taskService[t] ?? 0) + tXn > (route.la[pos] ?? 0) + EPS) {
      this.failure = Failure.timeWindow;
      return Infinity;
    }
    return c;
  }

  /**
   * Cheapest feasible position for job `t` in the route (sets {@link bestP}), skipping positions
   * `skip` blinks over. Route-level checks run once; positions after the task's last window stop
   * the scan.
   */
  bestSingle(route: RouteState, t: number, skip: () => boolean, bound: number): number {
    const m = this.#model;
    const v = route.vehicle;
    this.bestP = -1;
    if (!hasSkills(m, t, v)) return ((this.failure = Failure.skill), Infinity);
    if (!withinMaxTasks(m, v, route.len + 1)) return ((this.failure = Failure.maxTasks), Infinity);
    const mat = m.vMatrix[v];
    const dense = mat instanceof DenseMatrix && !route.linear && (m.vStart[v] ?? -1) >= 0 && (m.vEnd[v] ?? -1) >= 0;
    const checkLoad = m.dims > 0 && !fitsEverywhere(m, route, t);
    if (dense) return this.#bestSingleDense(route, t, skip, bound, checkLoad);
    let best = Infinity;
    for (let p = 0; p <= route.len; p++) {
      if (skip()) continue;
      if (checkLoad && !fitsLoad(m, route, t, p)) {
        this.failure = Failure.capacity;
        continue;
      }
      this.late = false;
      const c = this.single(route, t, p);
      if (c < best) {
        best = c;
        this.bestP = p;
      }
      else if (c === Infinity && this.late) break;
    }
    return best;
  }

  /**
   * {@link bestSingle} on a stored matrix with both depots: the same checks as {@link #singleDense}
   * position after position, with the route's and the task's constants read once.
   */
  #bestSingleDense(route: RouteState, t: number, skip: () => boolean, bound: number, checkLoad: boolean): number {
    const m = this.#model;
    const v = route.vehicle;
    const mat = m.vMatrix[v] as DenseMatrix;
    const size = mat.size;
    const dur = mat.durations;
    const dist = mat.distances;
    const tasks = route.tasks;
    const taskLoc = m.taskLoc;
    const la = route.la;
    const dep = route.dep;
    const len = route.len;
    const x = taskLoc[t] ?? 0;
    const xRow = x * size;
    const lastEnd = m.twEnd[(m.twOff[t + 1] ?? 1) - 1] ?? 0;
    const service = m.taskService[t] ?? 0;
    const maxDist = (m.vMaxDist[v] ?? Infinity) + EPS;
    const maxTravel = (m.vMaxTravel[v] ?? Infinity) + EPS;
    const costDist = m.vCostDist[v] ?? 0;
    const costDur = m.vCostDur[v] ?? 0;
    const balance = m.balanceWeight / 3600;
    // Route cost without distance and travel: fixed, continuity surcharges, minus the current cost.
    const base = (m.vFixed[v] ?? 0) + route.preference + this.#pref(t, v) - route.cost;
    const twOff0 = m.twOff[t] ?? 0;
    const twOff1 = m.twOff[t + 1] ?? 0;
    const single = twOff1 - twOff0 === 1;
    const twStart0 = m.twStart[twOff0] ?? 0;
    let best = Infinity;
    let prev = m.vStart[v] ?? 0;
    let depPrev = m.vTwStart[v] ?? 0;
    for (let p = 0; p <= len; p++) {
      if (p > 0) {
        prev = taskLoc[tasks[p - 1] ?? 0] ?? 0;
        depPrev = dep[p - 1] ?? 0;
      }
      if (skip()) continue;
      if (checkLoad && !fitsLoad(m, route, t, p)) {
        this.failure = Failure.capacity;
        continue;
      }
      const next = p >= len ? (m.vEnd[v] ?? 0) : (taskLoc[tasks[p] ?? 0] ?? 0);
      const tPx = dur[prev * size + x] ?? 0;
      const arrival = depPrev + tPx;
      if (arrival > lastEnd) {
        // Departures only grow along the route: every later position is late too.
        this.late = true;
        this.failure = Failure.timeWindow;
        break;
      }
      const tXn = dur[xRow + next] ?? 0;
      const pn = prev * size + next;
      const distance = route.distance + (dist[prev * size + x] ?? 0) + (dist[xRow + next] ?? 0) - (dist[pn] ?? 0);
      const travel = route.travel + tPx + tXn - (dur[pn] ?? 0);
      if (distance > maxDist || travel > maxTravel) {
        this.failure = distance > maxDist ? Failure.range : Failure.maxDuration;
        continue;
      }
      const c = base + costDist * distance + costDur * travel + balance * travel * travel;
      if (c >= (best < bound ? best : bound)) continue;
      const start = single ? (arrival > twStart0 ? arrival : twStart0) : windowStart(m, t, arrival);
      if (start + service + tXn > (la[p] ?? 0) + EPS) {
        this.failure = Failure.timeWindow;
        continue;
      }
      best = c;
      this.bestP = p;
    }
    return best;
  }

  /** Cost increase of inserting task `t` before position `pos`, or Infinity when infeasible. */
  single(route: RouteState, t: number, pos: number): number {
    const m = this.#model;
    const v = route.vehicle;
    if (!hasSkills(m, t, v)) return ((this.failure = Failure.skill), Infinity);
    if (!withinMaxTasks(m, v, route.len + 1)) return ((this.failure = Failure.maxTasks), Infinity);
    if (!fitsLoad(m, route, t, pos)) return ((this.failure = Failure.capacity), Infinity);
    this.late = false;
    if (route.linear) return this.#linear(route, { t1: t, p1: pos, t2: -1, p2: -1 });
    const prev = locBefore(m, route, pos);
    const next = locAt(m, route, pos);
    const x = m.taskLoc[t] ?? 0;
    const mat = m.vMatrix[v];
    if (mat instanceof DenseMatrix && prev >= 0 && next >= 0) return this.#singleDense(route, t, pos, Infinity);
    const arrival = departureBefore(m, route, pos) + travelTime(m, v, prev, x);
    const start = windowStart(m, t, arrival);
    if (start === Infinity) {
      this.late = true;
      return ((this.failure = Failure.timeWindow), Infinity);
    }
    const arrNext = start + (m.taskService[t] ?? 0) + travelTime(m, v, x, next);
    if (arrNext > (route.la[pos] ?? 0) + EPS) return ((this.failure = Failure.timeWindow), Infinity);
    const dDist = travelDistance(m, v, prev, x) + travelDistance(m, v, x, next) - travelDistance(m, v, prev, next);
    const dTravel = travelTime(m, v, prev, x) + travelTime(m, v, x, next) - travelTime(m, v, prev, next);
    return this.#costWith(route, dDist, dTravel, this.#pref(t, v));
  }

  /**
   * Cheapest insertion of a shipment (pickup task `pu`, its delivery the partner) into the route,
   * pickup first; sets {@link bestP}/{@link bestQ} (positions in the original route). O(n²).
   */
  pair(route: RouteState, pu: number, skip?: () => boolean): number {
    const m = this.#model;
    const v = route.vehicle;
    const de = m.taskPartner[pu] ?? 0;
    this.bestP = -1;
    this.bestQ = -1;
    if (!hasSkills(m, pu, v)) return ((this.failure = Failure.skill), Infinity);
    if (!withinMaxTasks(m, v, route.len + 2)) return ((this.failure = Failure.maxTasks), Infinity);
    let best = Infinity;
    this.failure = Failure.capacity;
    const n = route.len;
    const lp = m.taskLoc[pu] ?? 0;
    const ld = m.taskLoc[de] ?? 0;
    const dPref = this.#pref(pu, v) + this.#pref(de, v);
    for (let p = 0; p <= n; p++) {
      if (overflowsAt(m, route, pu, p)) continue;
      if (skip?.()) continue;
      if (route.linear) {
        for (let q = p; q <= n; q++) {
          if (q > p && overflowsAt(m, route, pu, q)) break;
          const c = this.#linear(route, { t1: pu, p1: p, t2: de, p2: q });
          if (c < best) [best, this.bestP, this.bestQ] = [c, p, q];
        }
        continue;
      }
      const prevP = locBefore(m, route, p);
      const depP = departAfter(m, { v, fromLoc: prevP, time: departureBefore(m, route, p), t: pu });
      if (depP === Infinity) {
        this.failure = Failure.timeWindow;
        continue;
      }
      const nextP = locAt(m, route, p);
      let t = depP;
      let from = lp;
      for (let q = p; q <= n; q++) {
        const depD = departAfter(m, { v, fromLoc: from, time: t, t: de });
        const nextQ = locAt(m, route, q);
        if (depD !== Infinity && depD + travelTime(m, v, ld, nextQ) <= (route.la[q] ?? 0) + EPS) {
          let dDist: number;
          let dTravel: number;
          if (q === p) {
            dDist = travelDistance(m, v, prevP, lp) + travelDistance(m, v, lp, ld) + travelDistance(m, v, ld, nextP) - travelDistance(m, v, prevP, nextP);
            dTravel = travelTime(m, v, prevP, lp) + travelTime(m, v, lp, ld) + travelTime(m, v, ld, nextP) - travelTime(m, v, prevP, nextP);
          } else {
            const before = locBefore(m, route, q);
            dDist =
              travelDistance(m, v, prevP, lp) + travelDistance(m, v, lp, nextP) - travelDistance(m, v, prevP, nextP) +
              travelDistance(m, v, before, ld) + travelDistance(m, v, ld, nextQ) - travelDistance(m, v, before, nextQ);
            dTravel =
              travelTime(m, v, prevP, lp) + travelTime(m, v, lp, nextP) - travelTime(m, v, prevP, nextP) +
              travelTime(m, v, before, ld) + travelTime(m, v, ld, nextQ) - travelTime(m, v, before, nextQ);
          }
          const c = this.#costWith(route, dDist, dTravel, dPref);
          if (c < best) [best, this.bestP, this.bestQ] = [c, p, q];
        } else {
          this.failure = Failure.timeWindow;
        }
        if (q === n) break;
        // Carry the delayed schedule over the original task at q; later stops only get later.
        const task = route.tasks[q] ?? 0;
        const arr = t + travelTime(m, v, from, nextQ);
        if (arr > (route.la[q] ?? 0) + EPS) break;
        t = windowStart(m, task, arr) + (m.taskService[task] ?? 0);
        from = nextQ;
        if (overflowsAt(m, route, pu, q + 1)) break;
      }
    }
    return best;
  }
}
