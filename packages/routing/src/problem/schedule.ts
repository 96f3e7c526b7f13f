import type { UnassignedReason } from '@anbu/contracts/routing';

import type { Model } from './model.js';
import { TaskKind, travelDistance, travelTime, windowStart } from './model.js';
import { routeCost } from './route-cost.js';

/** A constraint a route breaks. */
export type Violation = Exclude<UnassignedReason, 'no_vehicle'>;

/** One scheduled step, as reported to a {@link StepSink}. */
export interface ScheduledStep {
  readonly kind: 'start' | 'task' | 'break' | 'end';
  /** Task index, break index, or −1. */
  readonly ref: number;
  readonly loc: number;
  readonly arrival: number;
  readonly start: number;
  readonly service: number;
  /** Load after the step; a shared buffer, copy it. */
  readonly load: Float64Array;
  readonly distance: number;
  readonly travel: number;
}

/** Receives each step of a simulated route. */
export type StepSink = (step: ScheduledStep) => void;

/** Totals and feasibility of a simulated route. */
export interface ScheduleResult {
  readonly violation: Violation | null;
  readonly distance: number;
  readonly travel: number;
  readonly service: number;
  readonly waiting: number;
  readonly cost: number;
}

const EPS = 1e-9;

/**
 * The reference semantics of a route, in one linear pass: leave the start at the shift start,
 * serve each task at the first window reachable, take each break as soon as its window opens
 * (waiting for it when postponing past the next stop would miss it), and check every constraint.
 * The incremental search data must agree with this; `validation/check.ts` relies on it.
 */
export function simulateRoute(
  model: Model,
  route: { readonly vehicle: number; readonly tasks: ArrayLike<number>; readonly len: number },
  sink?: StepSink,
): ScheduleResult {
  const { vehicle: v, tasks, len } = route;
  // An empty route is an unused vehicle: nothing to check, nothing to pay.
  if (len === 0) return { violation: null, distance: 0, travel: 0, service: 0, waiting: 0, cost: 0 };
  const dims = model.dims;
  const load = new Float64Array(dims);
  let violation: Violation | null = null;
  const fail = (what: Violation): void => {
    violation ??= what;
  };
  for (let i = 0; i < len; i++) {
    const t = tasks[i] ?? 0;
    for (let d = 0; d < dims; d++) load[d] = (load[d] ?? 0) + (model.taskStartLoad[t * dims + d] ?? 0);
  }
  const checkLoad = (): void => {
    for (let d = 0; d < dims; d++) {
      if ((load[d] ?? 0) > (model.vCap[v * dims + d] ?? 0) + EPS) fail('capacity');
    }
  };
  checkLoad();
  let t = model.vTwStart[v] ?? 0;
  let loc = model.vStart[v] ?? -1;
  let distance = 0;
  let travel = 0;
  let service = 0;
  let waiting = 0;
  let preference = 0;
  sink?.({ kind: 'start', ref: -1, loc, arrival: t, start: t, service: 0, load, distance, travel });
  const breaks = len > 0 ? (model.vBreaks[v] ?? []) : [];
  let nextBreak = 0;
  const onRoute = new Map<number, number>();
  for (let i = 0; i < len; i++) onRoute.set(tasks[i] ?? 0, i);

  for (let i = 0; i <= len; i++) {
    const task = i < len ? (tasks[i] ?? 0) : -1;
    const nextLoc = task >= 0 ? (model.taskLoc[task] ?? 0) : (model.vEnd[v] ?? -1);
    const leg = travelTime(model, v, loc, nextLoc);
    // Breaks are taken at the current place before travelling on.
    while (nextBreak < breaks.length) {
      const b = breaks[nextBreak];
      if (!b) break;
      const w = b.windows.find((win) => t <= win[1] + EPS);
      if (!w) {
        fail('time_window');
        nextBreak++;
        continue;
      }
      let takeNow = t >= w[0] || task < 0;
      if (!takeNow) {
        const arr = t + leg;
        const s = windowStart(model, task, arr);
        takeNow = (Number.isFinite(s) ? s : arr) + (model.taskService[task] ?? 0) > w[1];
      }
      if (!takeNow) break;
      const start = Math.max(t, w[0]);
      waiting += start - t;
      sink?.({ kind: 'break', ref: nextBreak, loc, arrival: t, start, service: b.service, load, distance, travel });
      t = start + b.service;
      service += b.service;
      nextBreak++;
    }
    const arrival = t + leg;
    distance += travelDistance(model, v, loc, nextLoc);
    travel += leg;
    loc = nextLoc;
    if (task < 0) {
      if (arrival > (model.vTwEnd[v] ?? Infinity) + EPS) fail('time_window');
      sink?.({ kind: 'end', ref: -1, loc, arrival, start: arrival, service: 0, load, distance, travel });
      t = arrival;
      break;
    }
    let start = windowStart(model, task, arrival);
    if (!Number.isFinite(start)) {
      fail('time_window');
      start = arrival;
    }
    waiting += start - arrival;
    const svc = model.taskService[task] ?? 0;
    service += svc;
    for (let d = 0; d < dims; d++) load[d] = (load[d] ?? 0) + (model.taskDelta[task * dims + d] ?? 0);
    checkLoad();
    if (model.compat[task * model.nVehicles + v] !== 1) fail('skill');
    if (model.prefCost) preference += model.prefCost[task * model.nVehicles + v] ?? 0;
    const kind = model.taskKind[task];
    if (kind !== TaskKind.job) {
      const partnerPos = onRoute.get(model.taskPartner[task] ?? -1);
      if (partnerPos === undefined || (kind === TaskKind.pickup ? partnerPos < i : partnerPos > i)) fail('precedence');
    }
    sink?.({ kind: 'task', ref: task, loc, arrival, start, service: svc, load, distance, travel });
    t = start + svc;
  }
  if (onRoute.size !== len) fail('precedence');
  if (len > (model.vMaxTasks[v] ?? Infinity)) fail('max_tasks');
  if (distance > (model.vMaxDist[v] ?? Infinity) + EPS) fail('range');
  if (travel > (model.vMaxTravel[v] ?? Infinity) + EPS) fail('max_duration');
  const cost = len === 0 ? 0 : routeCost(model, { vehicle: v, distance, travel, preference });
  return { violation, distance, travel, service, waiting, cost };
}
