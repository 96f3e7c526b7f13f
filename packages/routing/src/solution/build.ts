import type { Route, RoutingSolution, Step } from '@anbu/contracts/routing';

import type { Model } from '../problem/model.js';
import { simulateRoute } from '../problem/schedule.js';
import type { Plan } from './plan.js';
import { unassignedList } from './unassigned.js';

/** Options of {@link buildSolution}. */
export interface BuildOptions {
  readonly iterations: number;
  readonly computingTimeMs: number;
}

const STEP_TYPE = ['job', 'pickup', 'delivery'] as const;

/** One route's steps and totals, from the reference schedule. */
export function buildRoute(model: Model, plan: Plan, v: number): Route {
  const locations = model.locations;
  const route = plan.routes[v];
  const steps: Step[] = [];
  const tasks = route?.tasks ?? new Int32Array(0);
  const breaks = model.vBreaks[v] ?? [];
  const r = simulateRoute(model, { vehicle: v, tasks, len: route?.len ?? 0 }, (s) => {
    const type = s.kind === 'task' ? STEP_TYPE[model.taskKind[s.ref] ?? 0] ?? 'job' : s.kind;
    const id = s.kind === 'task' ? model.taskId[s.ref] : s.kind === 'break' ? breaks[s.ref]?.id : undefined;
    const location = s.loc >= 0 ? locations?.[s.loc] : undefined;
    steps.push({
      type,
      ...(id !== undefined ? { id } : {}),
      ...(s.loc >= 0 ? { locationIndex: s.loc } : {}),
      ...(location ? { location } : {}),
      arrival: s.arrival,
      serviceStart: s.start,
      waiting: s.start - s.arrival,
      service: s.service,
      load: Array.from(s.load),
      distance: s.distance,
      duration: s.travel,
    });
  });
  return {
    vehicle: model.vId[v] ?? v,
    steps,
    cost: r.cost === 0 ? 0 : r.cost - model.vehicleWeight,
    distance: r.distance,
    duration: r.travel,
    service: r.service,
    waiting: r.waiting,
  };
}

/** The public {@link RoutingSolution} of a plan: non-empty routes, unassigned with reasons, totals. */
export function buildSolution(model: Model, plan: Plan, options: BuildOptions): RoutingSolution {
  const routes = plan.routes.filter((r) => r.len > 0).map((r) => buildRoute(model, plan, r.vehicle));
  const unassigned = unassignedList(model, plan);
  const sum = (f: (r: Route) => number): number => routes.reduce((a, r) => a + f(r), 0);
  return {
    routes,
    unassigned,
    summary: {
      cost: sum((r) => r.cost),
      vehicles: routes.length,
      unassigned: unassigned.length,
      distance: sum((r) => r.distance),
      duration: sum((r) => r.duration),
      service: sum((r) => r.service),
      waiting: sum((r) => r.waiting),
      iterations: options.iterations,
      computingTimeMs: options.computingTimeMs,
    },
  };
}
