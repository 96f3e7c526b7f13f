import type { RoutingProblem, RoutingSolution } from '@anbu/contracts/routing';

import { DEFAULT_GRANULAR } from './construction/recreate.js';
import { compileProblem } from './problem/compile.js';
import type { Model } from './problem/model.js';
import { TaskKind } from './problem/model.js';
import { Budget } from './search/budget.js';
import type { Progress } from './search/budget.js';
import { minimiseFleet } from './search/fleet-min.js';
import { Rng } from './search/rng.js';
import { DEFAULT_RUIN } from './search/ruin.js';
import { anneal, SisrCore } from './search/sisr.js';
import type { SisrParams } from './search/sisr.js';
import { buildSolution } from './solution/build.js';
import { Plan } from './solution/plan.js';

/** Default search tunables. */
export const DEFAULT_PARAMS: SisrParams = Object.freeze({
  ruin: DEFAULT_RUIN,
  blinkRate: 0.01,
  granular: DEFAULT_GRANULAR,
  localSearch: true,
  cooling: { start: 10, end: 0.1 },
});

/** Default time limit when neither a time limit nor an iteration count is given. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/** Share of the run spent removing vehicles under the `vehicles` objective. */
export const DEFAULT_FLEET_SHARE = 0.8;

/** Options of {@link solve}. */
export interface SolveOptions {
  readonly seed?: number;
  /** Wall-clock budget, ms. */
  readonly timeLimitMs?: number;
  /** Ruin-and-recreate iterations; with a fixed seed the plan is then reproducible. */
  readonly iterations?: number;
  readonly signal?: AbortSignal;
  /** Polled every iteration; returning true stops the search with the best plan so far. */
  readonly shouldStop?: () => boolean;
  /** Called at least every `progressIntervalMs` with the best plan's figures. */
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
  /** Milliseconds clock; defaults to `performance.now`. */
  readonly clock?: () => number;
  readonly params?: Partial<SisrParams>;
  readonly fleetShare?: number;
}

/** Insertion orders tried by the construction (see `InsertionOrder.sortBy`); small instances try all. */
const CONSTRUCTION_ORDERS = [8, 4, 11, 0, 10] as const;

/** Up to this many tasks, the construction keeps the best of several insertion orders. */
export const MULTI_START_TASKS = 2000;

function construct(model: Model, opts: { core: SisrCore; plan: Plan; tick: () => void }): void {
  const { core, plan, tick } = opts;
  const order = new Int32Array(model.nTasks);
  let count = 0;
  for (let t = 0; t < model.nTasks; t++) if (model.taskKind[t] !== TaskKind.delivery) order[count++] = t;
  const orders = model.nTasks <= MULTI_START_TASKS ? CONSTRUCTION_ORDERS : CONSTRUCTION_ORDERS.slice(0, 1);
  let best = Infinity;
  for (const criterion of orders) {
    // The first attempt builds in place (its progress is visible); later ones in a fresh plan.
    const target = best === Infinity ? plan : new Plan(model);
    core.order.sortBy(order, { count, criterion });
    core.recreate.insertAll(target, { order, count, blinkRate: 0, openRoutes: true, tick });
    const cost = target.cost();
    if (cost < best) {
      if (target !== plan) plan.copyFrom(target);
      best = cost;
    }
  }
}

/**
 * Plans routes for a parsed problem: greedy insertion, then (objective `vehicles`) SISR fleet
 * minimisation, then SISR ruin-and-recreate with simulated annealing on cost. Deterministic for a
 * seed and an iteration count; stops at the time limit, the iteration count or on abort.
 *
 * @example
 * const plan = solve(parseProblem(json), { seed: 1, timeLimitMs: 5000, onProgress: console.log });
 */
export function solve(problem: RoutingProblem, options: SolveOptions = {}): RoutingSolution {
  const clock = options.clock ?? (() => performance.now());
  const budget = new Budget({
    clock,
    timeLimitMs: options.timeLimitMs ?? (options.iterations === undefined ? DEFAULT_TIME_LIMIT_MS : Infinity),
    iterations: options.iterations ?? Infinity,
    signal: options.signal,
    shouldStop: options.shouldStop,
  });
  const interval = options.progressIntervalMs ?? 1000;
  let lastReport = -Infinity;
  // Throttles every report to the interval; `force` reports regardless.
  const due = (force: boolean): number | null => {
    if (!options.onProgress) return null;
    const elapsedMs = budget.elapsedMs();
    if (!force && elapsedMs - lastReport < interval) return null;
    lastReport = elapsedMs;
    return elapsedMs;
  };
  // Compiling a city-scale problem takes seconds (neighbour lists): report while it runs too.
  const compileTick = (force = false): void => {
    const elapsedMs = due(force);
    if (elapsedMs === null) return;
    options.onProgress?.({
      elapsedMs,
      cost: 0,
      distance: 0,
      vehicles: 0,
      unassigned: problem.jobs.length + problem.shipments.length,
      iterations: 0,
      feasible: false,
      phase: 'compile',
    });
  };
  compileTick(true);
  const model = compileProblem(problem, { tick: compileTick });
  const rng = new Rng(options.seed ?? 1);
  const params: SisrParams = { ...DEFAULT_PARAMS, ...options.params };
  const core = new SisrCore(model, { rng, params });
  const best = new Plan(model);
  const current = new Plan(model);
  const candidate = new Plan(model);
  let phase: Progress['phase'] = 'construction';
  const report = (force: boolean): void => {
    const elapsedMs = due(force);
    if (elapsedMs === null) return;
    const onProgress = options.onProgress;
    if (!onProgress) return;
    const unassigned = best.unassigned();
    onProgress({
      elapsedMs,
      cost: best.cost() - model.vehicleWeight * best.vehicles(),
      distance: best.distance(),
      vehicles: best.vehicles(),
      unassigned,
      iterations: budget.iteration,
      feasible: unassigned === 0,
      phase,
    });
  };
  const tick = (): void => report(false);
  construct(model, { core, plan: best, tick });
  report(true);
  if (model.objective === 'vehicles' && best.unassigned() === 0) {
    phase = 'fleet';
    minimiseFleet({ core, best, current, candidate, budget, until: options.fleetShare ?? DEFAULT_FLEET_SHARE, tick });
  }
  phase = 'cost';
  current.copyFrom(best);
  candidate.copyFrom(best);
  anneal({ core, current, candidate, best, budget, tick });
  phase = 'done';
  report(true);
  return buildSolution(model, best, { iterations: budget.iteration, computingTimeMs: budget.elapsedMs() });
}
