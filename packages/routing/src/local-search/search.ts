import type { Model } from '../problem/model.js';
import type { Rng } from '../search/rng.js';
import type { Plan } from '../solution/plan.js';
import type { Touched } from '../solution/touched.js';
import type { Operator } from './operator.js';
import { TwoOptStar } from './two-opt-star.js';

/**
 * Descent over the operators around the tasks of the routes a move changed (`touched`): visit
 * them in random order, apply any improving move found, repeat until a pass finds none (or
 * `maxPasses`). Routes changed by the descent join the set.
 */
export class LocalSearch {
  readonly #rng: Rng;
  readonly #operators: readonly Operator[];
  readonly #order: Int32Array;

  constructor(model: Model, options: { rng: Rng; operators?: readonly Operator[] }) {
    this.#rng = options.rng;
    // Relocate measured no better than ruin-and-recreate alone next to 2-opt*; pass it explicitly.
    this.#operators = options.operators ?? [new TwoOptStar(model)];
    this.#order = new Int32Array(model.nTasks);
  }

  /** Improves `plan` in place; returns the total gain. */
  run(plan: Plan, touched: Touched, maxPasses = 3): number {
    let total = 0;
    for (let pass = 0; pass < maxPasses; pass++) {
      let count = 0;
      for (let r = 0; r < touched.count; r++) {
        const route = plan.routes[touched.list[r] ?? 0];
        if (!route) continue;
        for (let i = 0; i < route.len; i++) this.#order[count++] = route.tasks[i] ?? 0;
      }
      this.#rng.shuffle(this.#order, count);
      let gained = 0;
      for (let k = 0; k < count; k++) {
        const t = this.#order[k] ?? 0;
        if ((plan.routeOf[t] ?? -1) < 0) continue;
        for (const op of this.#operators) {
          const gain = op.search(plan, t);
          if (gain > 0) {
            op.apply(plan, touched);
            gained += gain;
          }
        }
      }
      total += gained;
      if (gained <= 1e-9) break;
    }
    return total;
  }
}
