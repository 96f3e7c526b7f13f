import type { Model } from '../problem/model.js';
import type { Rng } from '../search/rng.js';
import type { Plan } from '../solution/plan.js';
import type { Touched } from '../solution/touched.js';
import type { Operator } from './operator.js';
import { TwoOptStar } from './two-opt-star.js';

/**
 * Descent over the operators: visit tasks in random order, apply any improving move found around
 * them, and repeat until a full pass finds none (or `maxPasses`).
 */
export class LocalSearch {
  readonly #model: Model;
  readonly #rng: Rng;
  readonly #operators: readonly Operator[];
  readonly #order: Int32Array;

  constructor(model: Model, options: { rng: Rng; operators?: readonly Operator[] }) {
    this.#model = model;
    this.#rng = options.rng;
    this.#operators = options.operators ?? [new TwoOptStar(model)];
    this.#order = Int32Array.from({ length: model.nTasks }, (_, t) => t);
  }

  /** Improves `plan` in place; changed routes are added to `touched`. Returns the total gain. */
  run(plan: Plan, touched: Touched, maxPasses = 10): number {
    let total = 0;
    for (let pass = 0; pass < maxPasses; pass++) {
      this.#rng.shuffle(this.#order, this.#order.length);
      let gained = 0;
      for (const t of this.#order) {
        if ((plan.routeOf[t] ?? -1) < 0) continue;
        for (const op of this.#operators) {
          if (op.search(plan, t) > 0) {
            const before = plan.cost();
            op.apply(plan, touched);
            gained += before - plan.cost();
          }
        }
      }
      total += gained;
      if (gained <= 1e-9) break;
    }
    void this.#model;
    return total;
  }
}
