import type { Model } from '../problem/model.js';
import { travelDistance } from '../problem/model.js';
import type { Rng } from './rng.js';

/**
 * Recreate orders of SISR: random (weight 4), largest demand first (4), farthest from the depot
 * first (2), closest first (1). Keys are computed once per model.
 */
export class InsertionOrder {
  readonly #demand: Float64Array;
  readonly #far: Float64Array;
  readonly #due: Float64Array;
  readonly #rng: Rng;

  constructor(model: Model, rng: Rng) {
    this.#rng = rng;
    const n = model.nTasks;
    const dims = model.dims;
    this.#demand = new Float64Array(n);
    this.#far = new Float64Array(n);
    this.#due = Float64Array.from({ length: n }, (_, t) => {
      const end = model.twEnd[(model.twOff[t + 1] ?? 1) - 1] ?? 0;
      return Number.isFinite(end) ? end : 0;
    });
    const depot = model.vStart[0] ?? -1;
    for (let t = 0; t < n; t++) {
      let d = 0;
      for (let k = 0; k < dims; k++) {
        d += Math.abs(model.taskStartLoad[t * dims + k] ?? 0) + Math.abs(model.taskDelta[t * dims + k] ?? 0);
      }
      this.#demand[t] = d;
      this.#far[t] = travelDistance(model, 0, depot, model.taskLoc[t] ?? 0);
    }
  }

  /** Sorts the first `count` tasks of `list` by a randomly drawn criterion. */
  sort(list: Int32Array, count: number): void {
    this.sortBy(list, { count, criterion: this.#rng.int(11) });
  }

  /**
   * Sorts by a given criterion: 0–3 random, 4–7 demand, 8–9 far first, 10 close first, 11 latest
   * window end first (construction only).
   */
  sortBy(list: Int32Array, { count, criterion: r }: { count: number; criterion: number }): void {
    const view = list.subarray(0, count);
    if (r === 11) {
      const e = this.#due;
      view.sort((a, b) => (e[b] ?? 0) - (e[a] ?? 0) || a - b);
      return;
    }
    if (r < 4) {
      this.#rng.shuffle(list, count);
    } else if (r < 8) {
      const d = this.#demand;
      view.sort((a, b) => (d[b] ?? 0) - (d[a] ?? 0) || a - b);
    } else if (r < 10) {
      const f = this.#far;
      view.sort((a, b) => (f[b] ?? 0) - (f[a] ?? 0) || a - b);
    } else {
      const f = this.#far;
      view.sort((a, b) => (f[a] ?? 0) - (f[b] ?? 0) || a - b);
    }
  }
}
