import { InsertionEvaluator } from '../constraints/insertion.js';
import type { Model } from '../problem/model.js';
import { TaskKind, travelDistance, travelTime } from '../problem/model.js';
import { routeCost } from '../problem/route-cost.js';
import type { Plan } from '../solution/plan.js';
import type { RouteState } from '../solution/route-state.js';
import type { Touched } from '../solution/touched.js';
import type { Operator } from './operator.js';

const EPS = 1e-9;

/**
 * Relocate: move a job next to one of its near neighbours in another route. The removal is
 * checked in O(1) (the rest of the route only gets earlier and lighter), the insertion by the
 * {@link InsertionEvaluator}. Shipments and break vehicles are left to ruin-and-recreate.
 */
export class Relocate implements Operator {
  readonly name = 'relocate';
  readonly #model: Model;
  readonly #evaluator: InsertionEvaluator;
  #task = -1;
  #to = -1;
  #pos = -1;

  constructor(model: Model) {
    this.#model = model;
    this.#evaluator = new InsertionEvaluator(model);
  }

  /** Cost saved by taking the task at position `p` out of `route`, or −Infinity. */
  #removalGain(route: RouteState, p: number): number {
    const m = this.#model;
    const v = route.vehicle;
    const t = route.tasks[p] ?? 0;
    if (route.len === 1) return route.cost;
    const prev = p === 0 ? (m.vStart[v] ?? -1) : (m.taskLoc[route.tasks[p - 1] ?? 0] ?? 0);
    const next = p + 1 >= route.len ? (m.vEnd[v] ?? -1) : (m.taskLoc[route.tasks[p + 1] ?? 0] ?? 0);
    const x = m.taskLoc[t] ?? 0;
    const depart = p === 0 ? (m.vTwStart[v] ?? 0) : (route.dep[p - 1] ?? 0);
    // Without the triangle inequality a shortcut could be slower: check it.
    if (depart + travelTime(m, v, prev, next) > (route.la[p + 1] ?? 0) + EPS) return -Infinity;
    const distance = route.distance - travelDistance(m, v, prev, x) - travelDistance(m, v, x, next) + travelDistance(m, v, prev, next);
    const travel = route.travel - travelTime(m, v, prev, x) - travelTime(m, v, x, next) + travelTime(m, v, prev, next);
    if (distance > (m.vMaxDist[v] ?? Infinity) + EPS || travel > (m.vMaxTravel[v] ?? Infinity) + EPS) return -Infinity;
    const preference = route.preference - (m.prefCost?.[t * m.nVehicles + v] ?? 0);
    return route.cost - routeCost(m, { vehicle: v, distance, travel, preference });
  }

  search(plan: Plan, t: number): number {
    const m = this.#model;
    if (m.taskKind[t] !== TaskKind.job) return 0;
    const va = plan.routeOf[t] ?? -1;
    const a = plan.routes[va];
    if (!a || a.linear) return 0;
    const removal = this.#removalGain(a, plan.posOf[t] ?? 0);
    if (removal <= EPS) return 0;
    let best = EPS;
    const k = m.neighbourCount;
    const lim = Math.min(k, 30);
    for (let n = 0; n < lim; n++) {
      const u = m.neighbours[t * k + n] ?? 0;
      const vb = plan.routeOf[u] ?? -1;
      const b = plan.routes[vb];
      if (!b || vb === va || b.linear) continue;
      const q = plan.posOf[u] ?? 0;
      for (let pos = q; pos <= q + 1; pos++) {
        const gain = removal - this.#evaluator.single(b, t, pos);
        if (gain > best) [best, this.#task, this.#to, this.#pos] = [gain, t, vb, pos];
      }
    }
    return best > EPS ? best : 0;
  }

  apply(plan: Plan, touched: Touched): void {
    const m = this.#model;
    const from = plan.unplace(this.#task);
    plan.routes[from]?.refresh(m);
    plan.place(this.#task, this.#to, this.#pos);
    plan.routes[this.#to]?.refresh(m);
    touched.add(from);
    touched.add(this.#to);
  }
}
