import type { Model } from '../problem/model.js';
import { TaskKind } from '../problem/model.js';
import type { Plan } from '../solution/plan.js';
import type { Touched } from '../solution/touched.js';
import type { Rng } from './rng.js';

/** SISR parameters (Christiaens & Vanden Berghe 2020). */
export interface RuinParams {
  /** Average number of removed tasks. */
  readonly avgRemoved: number;
  /** Maximum string length. */
  readonly maxString: number;
  /** Probability to continue growing the preserved substring of a split string. */
  readonly splitDepth: number;
}

/** Defaults from the SISR paper. */
export const DEFAULT_RUIN: RuinParams = Object.freeze({ avgRemoved: 10, maxString: 10, splitDepth: 0.01 });

/**
 * Slack-induced string removal: from a random seed task, walk its neighbours and cut a string (or
 * a split string) out of each route met, until enough routes are ruined. Removed task indices
 * (jobs and shipment pickups) are appended to `out`; returns their count.
 */
export class StringRuin {
  readonly #model: Model;
  readonly #rng: Rng;
  readonly #params: RuinParams;
  readonly #buf: Int32Array;

  constructor(model: Model, options: { rng: Rng; params?: RuinParams }) {
    this.#model = model;
    this.#rng = options.rng;
    this.#params = options.params ?? DEFAULT_RUIN;
    this.#buf = new Int32Array(model.nTasks + 1);
  }

  #removeTask(plan: Plan, t: number, ctx: { out: Int32Array; n: number; touched: Touched }): void {
    const m = this.#model;
    if ((plan.routeOf[t] ?? -1) < 0) return;
    ctx.touched.add(plan.unplace(t));
    const partner = m.taskPartner[t] ?? -1;
    if (partner >= 0 && (plan.routeOf[partner] ?? -1) >= 0) plan.unplace(partner);
    ctx.out[ctx.n++] = m.taskKind[t] === TaskKind.delivery ? partner : t;
  }

  /**
   * Ruins `plan` in place (routes left unrefreshed); returns the count written to `out`. `seed`
   * (a task, possibly unassigned) centres the ruin; by default it is drawn at random.
   */
  ruin(plan: Plan, opts: { out: Int32Array; touched: Touched; scale?: number; seed?: number }): number {
    const m = this.#model;
    const rng = this.#rng;
    const n = m.nTasks;
    if (n === 0) return 0;
    let assigned = 0;
    let used = 0;
    for (const r of plan.routes) {
      if (r.len > 0) {
        used++;
        assigned += r.len;
      }
    }
    if (used === 0) return 0;
    const avgRemoved = this.#params.avgRemoved * (opts.scale ?? 1);
    const lsMax = Math.min(this.#params.maxString, assigned / used);
    const ksMax = (4 * avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    const ctx = { out: opts.out, n: 0, touched: opts.touched };
    const seed = opts.seed !== undefined && opts.seed >= 0 ? opts.seed : rng.int(n);
    const k = m.neighbourCount;
    let ruined = 0;
    for (let i = -1; i < k && ruined < ks; i++) {
      const c = i < 0 ? seed : (m.neighbours[seed * k + i] ?? 0);
      const v = plan.routeOf[c] ?? -1;
      if (v < 0 || ctx.touched.has(v)) continue;
      const route = plan.routes[v];
      if (!route) continue;
      const len = route.len;
      let pos = 0;
      while (pos < len && route.tasks[pos] !== c) pos++;
      const l = Math.floor(rng.next() * Math.min(len, lsMax)) + 1;
      // Collect the victims first: removing shifts positions.
      let count = 0;
      if (l >= len || rng.next() < 0.5) {
        const lo = Math.max(0, pos - l + 1);
        const hi = Math.min(pos, len - l);
        const s = lo + rng.int(hi - lo + 1);
        for (let j = s; j < s + l; j++) this.#buf[count++] = route.tasks[j] ?? 0;
      } else {
        let keep = 1;
        while (l + keep < len && rng.next() > this.#params.splitDepth) keep++;
        const total = l + keep;
        const lo = Math.max(0, pos - total + 1);
        const hi = Math.min(pos, len - total);
        const s = lo + rng.int(hi - lo + 1);
        const keepAt = s + rng.int(total - keep + 1);
        for (let j = s; j < s + total; j++) if (j < keepAt || j >= keepAt + keep) this.#buf[count++] = route.tasks[j] ?? 0;
      }
      for (let j = 0; j < count; j++) this.#removeTask(plan, this.#buf[j] ?? 0, ctx);
      ruined++;
    }
    return ctx.n;
  }
}
