import type { RoutingProblem, RoutingSolution } from '@anbu/contracts/routing';

import { compileProblem } from '../problem/compile.js';
import type { Model } from '../problem/model.js';
import { TaskKind } from '../problem/model.js';
import { simulateRoute } from '../problem/schedule.js';

/** What {@link checkSolution} found. */
export interface CheckReport {
  /** No violation at all. */
  readonly feasible: boolean;
  /** Human-readable findings, e.g. `route 2 (vehicle 7): time_window`. */
  readonly violations: readonly string[];
  /** Cost recomputed from the routes (same formula as the solver's summary). */
  readonly cost: number;
  readonly distance: number;
  readonly vehicles: number;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

function taskIndex(model: Model): Map<string, number> {
  const byKey = new Map<string, number>();
  const kinds = ['job', 'pickup', 'delivery'] as const;
  for (let t = 0; t < model.nTasks; t++) byKey.set(`${kinds[model.taskKind[t] ?? 0]}:${model.taskId[t]}`, t);
  return byKey;
}

/**
 * Scores and explains any plan for a problem, independently of how it was made: every task served
 * at most once and otherwise listed unassigned; every route within capacity, windows, shift,
 * breaks, skills, range, stop cap and pickup-before-delivery; costs and totals as reported.
 */
export function checkSolution(problem: RoutingProblem, solution: RoutingSolution): CheckReport {
  const model = compileProblem(problem, { neighbourCount: 0 });
  const byKey = taskIndex(model);
  const vehicleIndex = new Map<number, number>();
  model.vId.forEach((id, v) => vehicleIndex.set(id, v));
  const violations: string[] = [];
  const served = new Int32Array(model.nTasks);
  let cost = 0;
  let distance = 0;
  const usedVehicles = new Set<number>();
  solution.routes.forEach((route, r) => {
    const v = vehicleIndex.get(route.vehicle);
    const name = `route ${r} (vehicle ${route.vehicle})`;
    if (v === undefined) return void violations.push(`${name}: unknown vehicle`);
    if (usedVehicles.has(v)) violations.push(`${name}: vehicle used twice`);
    usedVehicles.add(v);
    const tasks: number[] = [];
    for (const step of route.steps) {
      if (step.type !== 'job' && step.type !== 'pickup' && step.type !== 'delivery') continue;
      const t = byKey.get(`${step.type}:${step.id}`);
      if (t === undefined) {
        violations.push(`${name}: unknown ${step.type} ${step.id}`);
        continue;
      }
      served[t] = (served[t] ?? 0) + 1;
      tasks.push(t);
    }
    const result = simulateRoute(model, { vehicle: v, tasks: Int32Array.from(tasks), len: tasks.length });
    if (result.violation) violations.push(`${name}: ${result.violation}`);
    const routeCost = result.cost - (tasks.length > 0 ? model.vehicleWeight : 0);
    if (!close(routeCost, route.cost)) violations.push(`${name}: cost ${route.cost} reported, ${routeCost} recomputed`);
    if (!close(result.distance, route.distance)) {
      violations.push(`${name}: distance ${route.distance} reported, ${result.distance} recomputed`);
    }
    cost += routeCost;
    distance += result.distance;
  });
  const listed = new Set(solution.unassigned.map((u) => `${u.type === 'job' ? 'job' : 'pickup'}:${u.id}`));
  for (let t = 0; t < model.nTasks; t++) {
    const kind = model.taskKind[t];
    const key = `${kind === TaskKind.job ? 'job' : 'pickup'}:${model.taskId[t]}`;
    const times = served[t] ?? 0;
    if (times > 1) violations.push(`task ${key}: served ${times} times`);
    if (kind === TaskKind.delivery) continue;
    if (times === 0 && !listed.has(key)) violations.push(`task ${key}: neither served nor unassigned`);
    if (times > 0 && listed.has(key)) violations.push(`task ${key}: served and unassigned`);
  }
  if (!close(cost, solution.summary.cost)) violations.push(`summary: cost ${solution.summary.cost} reported, ${cost} recomputed`);
  if (!close(distance, solution.summary.distance)) {
    violations.push(`summary: distance ${solution.summary.distance} reported, ${distance} recomputed`);
  }
  return { feasible: violations.length === 0, violations, cost, distance, vehicles: usedVehicles.size };
}
