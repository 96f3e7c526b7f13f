import { mayFitRoute } from '../constraints/capacity.js';
import { InsertionEvaluator } from '../constraints/insertion.js';
import type { Model } from '../problem/model.js';
import { TaskKind } from '../problem/model.js';
import type { Rng } from '../search/rng.js';
import type { Plan } from '../solution/plan.js';
import { Touched } from '../solution/touched.js';

/** Above this many tasks, insertion only looks at routes serving a task's near neighbours. */
export const GRANULAR_TASKS = 400;
/** How many neighbours' routes a granular insertion considers. */
export const GRANULAR_ROUTES_FROM = 40;

/** Options of {@link Recreate.insertAll}. */
export interface InsertOptions {
  /** Task indices to insert (jobs and shipment pickups), in order. */
  readonly order: Int32Array;
  readonly count: number;
  /** Probability of skipping a position (SISR "blinks"). */
  readonly blinkRate: number;
  /** Whether empty vehicles may be opened. */
  readonly openRoutes: boolean;
}

/**
 * Greedy cheapest insertion with blinks (the "recreate" of SISR): each task in turn goes where it
 * costs least, or stays unassigned. Empty vehicles of the same class are tried once.
 */
export class Recreate {
  readonly #model: Model;
  readonly #rng: Rng;
  readonly evaluator: InsertionEvaluator;
  readonly touched: Touched;
  readonly #routeSeen: Touched;
  readonly #classSeen: Touched;
  #blinkRate = 0;
  readonly #skip = (): boolean => this.#blinkRate > 0 && this.#rng.next() < this.#blinkRate;

  constructor(model: Model, rng: Rng) {
    this.#model = model;
    this.#rng = rng;
    this.evaluator = new InsertionEvaluator(model);
    this.touched = new Touched(model.nVehicles);
    this.#routeSeen = new Touched(model.nVehicles);
    const classes = Math.max(0, ...model.vClass) + 1;
    this.#classSeen = new Touched(classes);
  }

  #bestCost = Infinity;
  #bestV = -1;
  #bestP = -1;
  #bestQ = -1;

  #tryRoute(plan: Plan, v: number, t: number): void {
    const route = plan.routes[v];
    if (!route || !mayFitRoute(this.#model, route, t)) return;
    const ev = this.evaluator;
    if (this.#model.taskKind[t] === TaskKind.pickup) {
      const c = ev.pair(route, t, this.#skip);
      if (c < this.#bestCost) [this.#bestCost, this.#bestV, this.#bestP, this.#bestQ] = [c, v, ev.bestP, ev.bestQ];
      return;
    }
    for (let p = 0; p <= route.len; p++) {
      if (this.#skip()) continue;
      const c = ev.single(route, t, p);
      if (c < this.#bestCost) [this.#bestCost, this.#bestV, this.#bestP, this.#bestQ] = [c, v, p, -1];
      else if (c === Infinity && ev.late) break;
    }
  }

  #candidateRoute(plan: Plan, v: number, openRoutes: boolean): boolean {
    if (this.#routeSeen.has(v)) return false;
    this.#routeSeen.add(v);
    const route = plan.routes[v];
    if (!route) return false;
    if (route.len === 0) {
      const cls = this.#model.vClass[v] ?? 0;
      if (!openRoutes || this.#classSeen.has(cls)) return false;
      this.#classSeen.add(cls);
    }
    return true;
  }

  /** Inserts one task at its cheapest place; returns whether it found one. */
  insertOne(plan: Plan, t: number, openRoutes: boolean): boolean {
    const m = this.#model;
    this.#bestCost = Infinity;
    this.#bestV = -1;
    this.#routeSeen.clear();
    this.#classSeen.clear();
    const nv = m.nVehicles;
    if (m.nTasks > GRANULAR_TASKS) {
      const k = m.neighbourCount;
      const lim = Math.min(k, GRANULAR_ROUTES_FROM);
      for (let i = 0; i < lim; i++) {
        const v = plan.routeOf[m.neighbours[t * k + i] ?? 0] ?? -1;
        if (v >= 0 && m.compat[t * nv + v] === 1 && this.#candidateRoute(plan, v, openRoutes)) this.#tryRoute(plan, v, t);
      }
      for (let v = 0; v < nv; v++) {
        if (plan.routes[v]?.len === 0 && m.compat[t * nv + v] === 1 && this.#candidateRoute(plan, v, openRoutes)) {
          this.#tryRoute(plan, v, t);
        }
      }
    } else {
      for (let v = 0; v < nv; v++) {
        if (m.compat[t * nv + v] === 1 && this.#candidateRoute(plan, v, openRoutes)) this.#tryRoute(plan, v, t);
      }
    }
    const v = this.#bestV;
    const route = plan.routes[v];
    if (v < 0 || !route) return false;
    // With a shipment, insert the delivery first so the pickup position stays valid.
    if (this.#bestQ >= 0) plan.place(m.taskPartner[t] ?? 0, v, this.#bestQ);
    plan.place(t, v, this.#bestP);
    route.refresh(m);
    this.touched.add(v);
    return true;
  }

  /** Inserts the tasks of `order` one by one; returns how many stayed unassigned. */
  insertAll(plan: Plan, { order, count, blinkRate, openRoutes }: InsertOptions): number {
    this.#blinkRate = blinkRate;
    let missed = 0;
    for (let i = 0; i < count; i++) {
      if (!this.insertOne(plan, order[i] ?? 0, openRoutes)) missed++;
    }
    return missed;
  }
}
