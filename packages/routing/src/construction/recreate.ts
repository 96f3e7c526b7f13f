import { mayFitRoute } from '../constraints/capacity.js';
import { InsertionEvaluator } from '../constraints/insertion.js';
import type { Model } from '../problem/model.js';
import { TaskKind } from '../problem/model.js';
import type { Rng } from '../search/rng.js';
import type { Plan } from '../solution/plan.js';
import { Touched } from '../solution/touched.js';

/** Granular insertion: only the routes serving a task's nearest neighbours (and empty vehicles). */
export interface GranularOptions {
  /** From this many tasks on, insertion is granular. */
  readonly minTasks: number;
  /** How many of a task's nearest neighbours' routes are tried. */
  readonly neighbours: number;
}

/** Defaults of {@link GranularOptions}. */
export const DEFAULT_GRANULAR: GranularOptions = Object.freeze({ minTasks: 0, neighbours: 30 });

/** Options of {@link Recreate.insertAll}. */
export interface InsertOptions {
  /** Task indices to insert (jobs and shipment pickups), in order. */
  readonly order: Int32Array;
  readonly count: number;
  /** Probability of skipping a position (SISR "blinks"). */
  readonly blinkRate: number;
  /** Whether empty vehicles may be opened. */
  readonly openRoutes: boolean;
  /** Called every 64 insertions (progress on big instances). */
  readonly tick?: () => void;
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
  /** Positions left until the next blink: geometric gaps instead of a draw per position. */
  #untilBlink = Infinity;
  readonly #skip = (): boolean => {
    if (--this.#untilBlink > 0) return false;
    this.#untilBlink = this.#blinkRate > 0 ? 1 + Math.floor(Math.log(1 - this.#rng.next()) / Math.log(1 - this.#blinkRate)) : Infinity;
    return true;
  };

  readonly #granular: GranularOptions;

  constructor(model: Model, options: { rng: Rng; granular?: GranularOptions }) {
    const rng = options.rng;
    this.#granular = options.granular ?? DEFAULT_GRANULAR;
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

  #setBest(cost: number, v: number, q: number): void {
    this.#bestCost = cost;
    this.#bestV = v;
    this.#bestP = this.evaluator.bestP;
    this.#bestQ = q;
  }

  #tryRoute(plan: Plan, v: number, t: number): void {
    const route = plan.routes[v];
    if (!route || !mayFitRoute(this.#model, route, t)) return;
    const ev = this.evaluator;
    if (this.#model.taskKind[t] === TaskKind.pickup) {
      const c = ev.pair(route, t, this.#skip);
      if (c < this.#bestCost) this.#setBest(c, v, ev.bestQ);
      return;
    }
    const c = ev.bestSingle(route, t, this.#skip, this.#bestCost);
    if (c < this.#bestCost) this.#setBest(c, v, -1);
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
    if (m.nTasks >= this.#granular.minTasks) {
      const k = m.neighbourCount;
      const lim = Math.min(k, this.#granular.neighbours);
      for (let i = 0; i < lim; i++) {
        const v = plan.routeOf[m.neighbours[t * k + i] ?? 0] ?? -1;
        if (v >= 0 && m.compat[t * nv + v] === 1 && this.#candidateRoute(plan, v, openRoutes)) this.#tryRoute(plan, v, t);
      }
      // Without opening vehicles the empty ones need no look.
      for (let v = 0; openRoutes && v < nv; v++) {
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
  insertAll(plan: Plan, { order, count, blinkRate, openRoutes, tick }: InsertOptions): number {
    this.#blinkRate = blinkRate;
    this.#untilBlink = 0;
    this.#skip();
    let missed = 0;
    for (let i = 0; i < count; i++) {
      if (!this.insertOne(plan, order[i] ?? 0, openRoutes)) missed++;
      if (tick && (i & 63) === 63) tick();
    }
    return missed;
  }
}
