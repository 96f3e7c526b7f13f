import { TaskKind } from '../problem/model.js';
import type { Plan } from '../solution/plan.js';
import type { Budget } from './budget.js';
import type { SisrCore } from './sisr.js';

/** Iterations without fewer unserved tasks after which a route-removal attempt restarts. */
export const FLEET_RESTART = 5000;
/** Random spread (in tasks) of the route size when a restart picks the route to drop. */
export const FLEET_RESTART_NOISE = 4;

/** Options of {@link minimiseFleet}. */
export interface FleetOptions {
  readonly core: SisrCore;
  /** A complete plan; replaced by the complete plan with the fewest vehicles found. */
  readonly best: Plan;
  readonly current: Plan;
  readonly candidate: Plan;
  readonly budget: Budget;
  /** Share of the run (0–1) at which this phase ends. */
  readonly until: number;
  readonly tick: () => void;
  /** Stalled iterations before a restart; {@link FLEET_RESTART} by default. */
  readonly restartAfter?: number;
}

/**
 * SISR fleet minimisation: drop the smallest route, then ruin and recreate without opening
 * vehicles, accepting a candidate with fewer unserved tasks or a lower sum of their absence
 * counts (tasks that keep falling out weigh more, so the search stops sacrificing the same ones).
 */
export function minimiseFleet({ core, best, current, candidate, budget, until, tick, restartAfter = FLEET_RESTART }: FleetOptions): void {
  const m = core.model;
  const absences = new Float64Array(m.nTasks);
  const measure = (plan: Plan): { missing: number; weight: number } => {
    let missing = 0;
    let weight = 0;
    for (let t = 0; t < m.nTasks; t++) {
      if (plan.routeOf[t] === -1 && m.taskKind[t] !== TaskKind.delivery) {
        missing++;
        weight += absences[t] ?? 0;
      }
    }
    return { missing, weight };
  };
  const dropSmallestRoute = (plan: Plan, noise = 0.5): boolean => {
    let pick = -1;
    let size = Infinity;
    for (const r of plan.routes) {
      // Ties broken at random so repeated attempts try different routes.
      const s = r.len + core.rng.next() * noise;
      if (r.len > 0 && s < size) [pick, size] = [r.vehicle, s];
    }
    const route = plan.routes[pick];
    if (!route || plan.vehicles() <= 1) return false;
    while (route.len > 0) plan.unplace(route.tasks[0] ?? 0);
    route.refresh(m);
    return true;
  };
  current.copyFrom(best);
  if (!dropSmallestRoute(current)) return;
  candidate.copyFrom(current);
  let cur = measure(current);
  const touched = core.recreate.touched;
  // Iterations since the fewest unserved tasks last fell: a stalled attempt restarts from the best
  // plan with another route dropped (a random small one), keeping the absence counts.
  let fewest = cur.missing;
  let stall = 0;
  while (!budget.exhausted() && budget.fraction() < until) {
    if (++stall > restartAfter) {
      current.copyFrom(best);
      if (!dropSmallestRoute(current, FLEET_RESTART_NOISE)) break;
      candidate.copyFrom(current);
      cur = measure(current);
      fewest = cur.missing;
      stall = 0;
    }
    core.step(candidate, { openRoutes: false, priority: absences });
    budget.iteration++;
    const cand = measure(candidate);
    // Both sides weighed with the same (current) absence counts.
    cur = measure(current);
    for (let t = 0; t < m.nTasks; t++) {
      if (candidate.routeOf[t] === -1 && m.taskKind[t] !== TaskKind.delivery) absences[t] = (absences[t] ?? 0) + 1;
    }
    if (cand.missing < cur.missing || cand.weight < cur.weight) {
      current.copyRoutes(candidate, touched.list, touched.count);
      cur = cand;
      if (cand.missing < fewest) [fewest, stall] = [cand.missing, 0];
      if (cand.missing === 0) {
        best.copyFrom(current);
        if (!dropSmallestRoute(current)) break;
        candidate.copyFrom(current);
        cur = measure(current);
        [fewest, stall] = [cur.missing, 0];
      }
    } else {
      candidate.copyRoutes(current, touched.list, touched.count);
    }
    tick();
  }
}
