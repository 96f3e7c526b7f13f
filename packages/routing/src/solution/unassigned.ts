import type { Unassigned, UnassignedReason } from '@anbu/contracts/routing';

import { InsertionEvaluator } from '../constraints/insertion.js';
import { Failure, failureReason } from '../constraints/failure.js';
import type { Model } from '../problem/model.js';
import { TaskKind } from '../problem/model.js';
import { simulateRoute } from '../problem/schedule.js';
import type { Plan } from './plan.js';

function mostCommon(counts: Map<UnassignedReason, number>): UnassignedReason | null {
  let best: UnassignedReason | null = null;
  let n = 0;
  for (const [reason, c] of counts) if (c > n) [best, n] = [reason, c];
  return best;
}

/**
 * Why task `t` (a job or a shipment pickup) is not served: no vehicle has its skills; or every
 * compatible vehicle fails it even alone (the commonest failure); or every route it could join
 * refuses it (the commonest refusal); else `no_vehicle`.
 */
export function diagnose(model: Model, plan: Plan, t: number): UnassignedReason {
  const nv = model.nVehicles;
  const partner = model.taskPartner[t] ?? -1;
  const alone = Int32Array.from(partner >= 0 ? [t, partner] : [t]);
  const soloFailures = new Map<UnassignedReason, number>();
  let anyCompatible = false;
  let soloFeasible = false;
  for (let v = 0; v < nv; v++) {
    if (model.compat[t * nv + v] !== 1) continue;
    anyCompatible = true;
    const r = simulateRoute(model, { vehicle: v, tasks: alone, len: alone.length });
    if (r.violation) soloFailures.set(r.violation, (soloFailures.get(r.violation) ?? 0) + 1);
    else soloFeasible = true;
  }
  if (!anyCompatible) return 'skill';
  if (!soloFeasible) return mostCommon(soloFailures) ?? 'no_vehicle';
  const ev = new InsertionEvaluator(model);
  const refusals = new Map<UnassignedReason, number>();
  for (const route of plan.routes) {
    const v = route.vehicle;
    if (route.len === 0 || model.compat[t * nv + v] !== 1) continue;
    let ok = false;
    if (model.taskKind[t] === TaskKind.pickup) ok = ev.pair(route, t) < Infinity;
    else for (let p = 0; p <= route.len && !ok; p++) ok = ev.single(route, t, p) < Infinity;
    const reason = failureReason(ev.failure);
    if (!ok && ev.failure !== Failure.none && reason) refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  }
  return mostCommon(refusals) ?? 'no_vehicle';
}

/** The unassigned list of a plan, least urgent first as the objective left them out. */
export function unassignedList(model: Model, plan: Plan): Unassigned[] {
  const out: Unassigned[] = [];
  for (let t = 0; t < model.nTasks; t++) {
    if (plan.routeOf[t] !== -1 || model.taskKind[t] === TaskKind.delivery) continue;
    out.push({
      id: model.taskId[t] ?? 0,
      type: model.taskKind[t] === TaskKind.pickup ? 'shipment' : 'job',
      reason: diagnose(model, plan, t),
    });
  }
  return out;
}
