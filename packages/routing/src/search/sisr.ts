import { Recreate } from '../construction/recreate.js';
import type { GranularOptions } from '../construction/recreate.js';
import type { Model } from '../problem/model.js';
import { TaskKind } from '../problem/model.js';
import { LocalSearch } from '../local-search/search.js';
import type { Plan } from '../solution/plan.js';
import { temperature } from './annealing.js';
import type { Cooling } from './annealing.js';
import type { Budget } from './budget.js';
import { InsertionOrder } from './order.js';
import type { Rng } from './rng.js';
import { StringRuin } from './ruin.js';
import type { RuinParams } from './ruin.js';

/** Tunables of the ruin-and-recreate search. */
export interface SisrParams {
  readonly ruin: RuinParams;
  readonly blinkRate: number;
  readonly granular: GranularOptions;
  /** Polish every new best candidate with the local-search operators (2-opt*). */
  readonly localSearch: boolean;
  /** Cooling schedule in multiples of the mean nearest-neighbour arc cost. */
  readonly cooling: Cooling;
}

/** Share of fleet-minimisation ruins centred on an unserved task. */
export const FLEET_SEED_BIAS = 0.5;

/** Shared machinery: ruin, recreate, orders and the scratch list of tasks to insert. */
export class SisrCore {
  readonly model: Model;
  readonly rng: Rng;
  readonly ruiner: StringRuin;
  readonly recreate: Recreate;
  readonly order: InsertionOrder;
  readonly pending: Int32Array;
  readonly params: SisrParams;
  readonly localSearch: LocalSearch;

  constructor(model: Model, options: { rng: Rng; params: SisrParams }) {
    this.model = model;
    this.rng = options.rng;
    this.params = options.params;
    this.ruiner = new StringRuin(model, { rng: options.rng, params: options.params.ruin });
    this.recreate = new Recreate(model, { rng: options.rng, granular: options.params.granular });
    this.order = new InsertionOrder(model, options.rng);
    this.pending = new Int32Array(model.nTasks);
    this.localSearch = new LocalSearch(model, { rng: options.rng });
  }

  /** One ruin-and-recreate step on `plan`; touched routes are in `recreate.touched`. */
  step(plan: Plan, opts: { openRoutes: boolean; priority?: Float64Array }): void {
    const m = this.model;
    const touched = this.recreate.touched;
    touched.clear();
    // Fleet minimisation: mostly ruin around a task left out, to make room where it is needed.
    let seed = -1;
    if (opts.priority && this.rng.next() < FLEET_SEED_BIAS) {
      let missing = 0;
      for (let t = 0; t < m.nTasks; t++) if (plan.routeOf[t] === -1 && m.taskKind[t] !== TaskKind.delivery) this.pending[missing++] = t;
      if (missing > 0) seed = this.pending[this.rng.int(missing)] ?? -1;
    }
    this.ruiner.ruin(plan, { out: this.pending, touched, seed });
    for (let i = 0; i < touched.count; i++) plan.routes[touched.list[i] ?? 0]?.refresh(m);
    // Everything unserved is retried, not only what was just removed.
    let count = 0;
    for (let t = 0; t < m.nTasks; t++) {
      if (plan.routeOf[t] === -1 && m.taskKind[t] !== TaskKind.delivery) this.pending[count++] = t;
    }
    // Fleet minimisation: half the time, the tasks that fell out most often go first.
    const priority = opts.priority;
    if (priority && this.rng.next() < 0.5) {
      this.pending.subarray(0, count).sort((a, b) => (priority[b] ?? 0) - (priority[a] ?? 0) || a - b);
    } else {
      this.order.sort(this.pending, count);
    }
    this.recreate.insertAll(plan, {
      order: this.pending,
      count,
      blinkRate: this.params.blinkRate,
      openRoutes: opts.openRoutes,
    });
  }
}

/** Mean cost of the arc from each task to its nearest neighbour: the temperature unit. */
export function arcScale(model: Model): number {
  const k = model.neighbourCount;
  if (k === 0 || model.nTasks === 0) return 1;
  const m = model.vMatrix[0];
  if (!m) return 1;
  let sum = 0;
  for (let t = 0; t < model.nTasks; t++) {
    const a = model.taskLoc[t] ?? 0;
    const b = model.taskLoc[model.neighbours[t * k] ?? 0] ?? 0;
    sum += (model.vCostDist[0] ?? 0) * m.distance(a, b) + (model.vCostDur[0] ?? 0) * m.duration(a, b);
  }
  return Math.max(1e-6, sum / model.nTasks);
}

/** Above this many tasks the local-search polish is skipped. */
export const LOCAL_SEARCH_MAX_TASKS = 2000;

/** Options of {@link anneal}. */
export interface AnnealOptions {
  readonly core: SisrCore;
  readonly current: Plan;
  readonly candidate: Plan;
  readonly best: Plan;
  readonly budget: Budget;
  /** Called after every iteration (progress reporting). */
  readonly tick: () => void;
}

/**
 * SISR with simulated-annealing acceptance: ruin and recreate the candidate, accept it when its
 * cost beats the current one by less than `−T·ln U`, keep the best. `current`, `candidate` and
 * `best` start equal.
 */
export function anneal({ core, current, candidate, best, budget, tick }: AnnealOptions): void {
  const scale = arcScale(core.model);
  const cooling = { start: core.params.cooling.start * scale, end: core.params.cooling.end * scale };
  let curCost = current.cost();
  let bestCost = best.cost();
  const touched = core.recreate.touched;
  // On city-scale instances the descent costs more than the iterations it displaces.
  const polish = core.params.localSearch && core.model.nTasks <= LOCAL_SEARCH_MAX_TASKS;
  while (!budget.exhausted()) {
    const t = temperature(cooling, budget.fraction());
    core.step(candidate, { openRoutes: true });
    budget.iteration++;
    let cost = candidate.cost();
    if (polish && cost < bestCost - 1e-9) {
      core.localSearch.run(candidate, touched);
      cost = candidate.cost();
    }
    if (cost < curCost - t * Math.log(core.rng.next())) {
      current.copyRoutes(candidate, touched.list, touched.count);
      curCost = cost;
      if (cost < bestCost - 1e-9) {
        best.copyFrom(current);
        bestCost = cost;
      }
    } else {
      candidate.copyRoutes(current, touched.list, touched.count);
    }
    tick();
  }
}
