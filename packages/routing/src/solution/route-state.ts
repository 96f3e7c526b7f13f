import { DenseMatrix } from '../matrix/dense-matrix.js';
import type { Model } from '../problem/model.js';
import { latestArrival, TaskKind, travelDistance, travelTime, windowStart } from '../problem/model.js';
import { routeCost } from '../problem/route-cost.js';
import { simulateRoute } from '../problem/schedule.js';

/**
 * One vehicle's route during search, with the forward/backward data that makes insertion checks
 * O(1): departure times, latest feasible arrivals, prefix/suffix maximum loads. Vehicles with
 * breaks are evaluated by linear simulation instead (`linear`).
 */
export class RouteState {
  readonly vehicle: number;
  readonly linear: boolean;
  tasks: Int32Array;
  len = 0;
  /** Departure after service at position i. */
  dep: Float64Array;
  /** Latest arrival at position i keeping the rest feasible; index `len` is the end depot. */
  la: Float64Array;
  /** Load after position k−1 (k = 0: at the start), `(len + 1) × dims`. */
  load: Float64Array;
  preMax: Float64Array;
  sufMax: Float64Array;
  /** Distance / travel time driven before reaching position k (k = len: before the last leg). */
  cumDist: Float64Array;
  cumTravel: Float64Array;
  /** Start load of the first k tasks, `(len + 1) × dims`. */
  slPre: Float64Array;
  /** Continuity surcharges of the first k tasks. */
  prefPre: Float64Array;
  /** Shipments picked up in the first k tasks and delivered later: a cut there splits them. */
  open: Int32Array;
  distance = 0;
  travel = 0;
  preference = 0;
  cost = 0;

  /** Position of each task in its route, shared by the routes of one plan. */
  readonly #positions: Int32Array | null;

  constructor(model: Model, vehicle: number, positions?: Int32Array) {
    this.vehicle = vehicle;
    this.#positions = positions ?? null;
    this.linear = (model.vBreaks[vehicle]?.length ?? 0) > 0;
    const cap = 16;
    this.tasks = new Int32Array(cap);
    this.dep = new Float64Array(cap);
    this.la = new Float64Array(cap + 1);
    this.load = new Float64Array((cap + 1) * model.dims);
    this.preMax = new Float64Array((cap + 1) * model.dims);
    this.sufMax = new Float64Array((cap + 1) * model.dims);
    this.cumDist = new Float64Array(cap + 1);
    this.cumTravel = new Float64Array(cap + 1);
    this.slPre = new Float64Array((cap + 1) * model.dims);
    this.prefPre = new Float64Array(cap + 1);
    this.open = new Int32Array(cap + 1);
  }

  /** Grows the buffers so that `size` tasks fit. */
  reserve(model: Model, size: number): void {
    if (size <= this.tasks.length) return;
    const cap = Math.max(size, this.tasks.length * 2);
    const grow = (a: Float64Array, n: number): Float64Array => {
      const b = new Float64Array(n);
      b.set(a.subarray(0, Math.min(a.length, n)));
      return b;
    };
    const t = new Int32Array(cap);
    t.set(this.tasks);
    this.tasks = t;
    this.dep = grow(this.dep, cap);
    this.la = grow(this.la, cap + 1);
    this.load = grow(this.load, (cap + 1) * model.dims);
    this.preMax = grow(this.preMax, (cap + 1) * model.dims);
    this.sufMax = grow(this.sufMax, (cap + 1) * model.dims);
    this.cumDist = grow(this.cumDist, cap + 1);
    this.cumTravel = grow(this.cumTravel, cap + 1);
    this.slPre = grow(this.slPre, (cap + 1) * model.dims);
    this.prefPre = grow(this.prefPre, cap + 1);
    const open = new Int32Array(cap + 1);
    open.set(this.open);
    this.open = open;
  }

  /** Copies another route of the same vehicle, data included. */
  copyFrom(model: Model, other: RouteState): void {
    this.reserve(model, other.len + 1);
    const n = other.len;
    const dims = model.dims;
    this.tasks.set(other.tasks.subarray(0, n));
    this.dep.set(other.dep.subarray(0, n));
    this.la.set(other.la.subarray(0, n + 1));
    this.load.set(other.load.subarray(0, (n + 1) * dims));
    this.preMax.set(other.preMax.subarray(0, (n + 1) * dims));
    this.sufMax.set(other.sufMax.subarray(0, (n + 1) * dims));
    this.cumDist.set(other.cumDist.subarray(0, n + 1));
    this.cumTravel.set(other.cumTravel.subarray(0, n + 1));
    this.slPre.set(other.slPre.subarray(0, (n + 1) * dims));
    this.prefPre.set(other.prefPre.subarray(0, n + 1));
    this.open.set(other.open.subarray(0, n + 1));
    const positions = this.#positions;
    if (positions) for (let i = 0; i < n; i++) positions[this.tasks[i] ?? 0] = i;
    this.len = n;
    this.distance = other.distance;
    this.travel = other.travel;
    this.preference = other.preference;
    this.cost = other.cost;
  }

  /** Recomputes all cached data after the task sequence changed. */
  refresh(model: Model): void {
    const v = this.vehicle;
    const n = this.len;
    const nv = model.nVehicles;
    if (this.linear) {
      const r = simulateRoute(model, { vehicle: v, tasks: this.tasks, len: n });
      this.distance = r.distance;
      this.travel = r.travel;
      this.cost = r.cost;
      this.refreshLoads(model);
      return;
    }
    const mat = model.vMatrix[v];
    if (mat instanceof DenseMatrix && (model.vStart[v] ?? -1) >= 0 && (model.vEnd[v] ?? -1) >= 0) {
      this.#refreshDense(model, mat);
      return;
    }
    let t = model.vTwStart[v] ?? 0;
    let loc = model.vStart[v] ?? -1;
    let distance = 0;
    let travel = 0;
    let preference = 0;
    for (let i = 0; i < n; i++) {
      const task = this.tasks[i] ?? 0;
      const next = model.taskLoc[task] ?? 0;
      const leg = travelTime(model, v, loc, next);
      this.cumDist[i] = distance;
      this.cumTravel[i] = travel;
      travel += leg;
      distance += travelDistance(model, v, loc, next);
      const s = windowStart(model, task, t + leg);
      t = s + (model.taskService[task] ?? 0);
      this.dep[i] = t;
      loc = next;
      if (model.prefCost) preference += model.prefCost[task * nv + v] ?? 0;
    }
    const end = model.vEnd[v] ?? -1;
    this.cumDist[n] = distance;
    this.cumTravel[n] = travel;
    travel += travelTime(model, v, loc, end);
    distance += travelDistance(model, v, loc, end);
    let limit = model.vTwEnd[v] ?? Infinity;
    let nextLoc = end;
    this.la[n] = limit;
    for (let i = n - 1; i >= 0; i--) {
      const task = this.tasks[i] ?? 0;
      const here = model.taskLoc[task] ?? 0;
      limit = limit - travelTime(model, v, here, nextLoc) - (model.taskService[task] ?? 0);
      limit = latestArrival(model, task, limit);
      this.la[i] = limit;
      nextLoc = here;
    }
    this.distance = distance;
    this.travel = travel;
    this.preference = preference;
    this.cost = n === 0 ? 0 : routeCost(model, { vehicle: v, distance, travel, preference });
    this.refreshLoads(model);
  }

  /** {@link refresh} for a stored matrix and a route with both depots: plain array reads. */
  #refreshDense(model: Model, mat: DenseMatrix): void {
    const v = this.vehicle;
    const n = this.len;
    const size = mat.size;
    const dur = mat.durations;
    const dist = mat.distances;
    const tasks = this.tasks;
    let t = model.vTwStart[v] ?? 0;
    let loc = model.vStart[v] ?? 0;
    let distance = 0;
    let travel = 0;
    let preference = 0;
    const pref = model.prefCost;
    for (let i = 0; i < n; i++) {
      const task = tasks[i] ?? 0;
      const next = model.taskLoc[task] ?? 0;
      const leg = dur[loc * size + next] ?? 0;
      this.cumDist[i] = distance;
      this.cumTravel[i] = travel;
      travel += leg;
      distance += dist[loc * size + next] ?? 0;
      t = windowStart(model, task, t + leg) + (model.taskService[task] ?? 0);
      this.dep[i] = t;
      loc = next;
      if (pref) preference += pref[task * model.nVehicles + v] ?? 0;
    }
    const end = model.vEnd[v] ?? 0;
    this.cumDist[n] = distance;
    this.cumTravel[n] = travel;
    travel += dur[loc * size + end] ?? 0;
    distance += dist[loc * size + end] ?? 0;
    let limit = model.vTwEnd[v] ?? Infinity;
    let nextLoc = end;
    this.la[n] = limit;
    for (let i = n - 1; i >= 0; i--) {
      const task = tasks[i] ?? 0;
      const here = model.taskLoc[task] ?? 0;
      limit = latestArrival(model, task, limit - (dur[here * size + nextLoc] ?? 0) - (model.taskService[task] ?? 0));
      this.la[i] = limit;
      nextLoc = here;
    }
    this.distance = distance;
    this.travel = travel;
    this.preference = preference;
    this.cost = n === 0 ? 0 : routeCost(model, { vehicle: v, distance, travel, preference });
    this.refreshLoads(model);
  }

  /** Loads after each position and their prefix/suffix maxima. */
  refreshLoads(model: Model): void {
    const dims = model.dims;
    const n = this.len;
    const positions = this.#positions;
    if (positions) for (let i = 0; i < n; i++) positions[this.tasks[i] ?? 0] = i;
    let open = 0;
    let pref = 0;
    this.open[0] = 0;
    this.prefPre[0] = 0;
    for (let i = 0; i < n; i++) {
      const t = this.tasks[i] ?? 0;
      const kind = model.taskKind[t];
      if (kind === TaskKind.pickup) open++;
      else if (kind === TaskKind.delivery) open--;
      this.open[i + 1] = open;
      pref += model.prefCost?.[t * model.nVehicles + this.vehicle] ?? 0;
      this.prefPre[i + 1] = pref;
    }
    for (let d = 0; d < dims; d++) {
      let s = 0;
      this.slPre[d] = 0;
      for (let i = 0; i < n; i++) {
        s += model.taskStartLoad[(this.tasks[i] ?? 0) * dims + d] ?? 0;
        this.slPre[(i + 1) * dims + d] = s;
      }
    }
    for (let d = 0; d < dims; d++) {
      let l = 0;
      for (let i = 0; i < n; i++) l += model.taskStartLoad[(this.tasks[i] ?? 0) * dims + d] ?? 0;
      this.load[d] = l;
      for (let i = 0; i < n; i++) {
        l += model.taskDelta[(this.tasks[i] ?? 0) * dims + d] ?? 0;
        this.load[(i + 1) * dims + d] = l;
      }
      let m = -Infinity;
      for (let k = 0; k <= n; k++) {
        m = Math.max(m, this.load[k * dims + d] ?? 0);
        this.preMax[k * dims + d] = m;
      }
      m = -Infinity;
      for (let k = n; k >= 0; k--) {
        m = Math.max(m, this.load[k * dims + d] ?? 0);
        this.sufMax[k * dims + d] = m;
      }
    }
  }

  /** Inserts a task before position `pos` (no refresh). */
  insertAt(model: Model, pos: number, task: number): void {
    this.reserve(model, this.len + 2);
    this.tasks.copyWithin(pos + 1, pos, this.len);
    this.tasks[pos] = task;
    this.len++;
  }

  /** Removes the task at position `pos` (no refresh). */
  removeAt(pos: number): void {
    this.tasks.copyWithin(pos, pos + 1, this.len);
    this.len--;
  }
}
