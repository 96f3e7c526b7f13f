import type { RpcRoute } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { cancelPlanningRun, getPlan, getPlanningRun, startPlanningRun } from '@anbu/contracts/rpc';
import { idFor } from '@anbu/service-kit';

import type { DispatchDeps } from './deps.js';
import { canManageFleet, fleetReadScope } from '../domain/access.js';
import { findRun, insertRun, requestCancel } from '../repo/planning-runs.js';
import { findPlan } from '../repo/plans.js';

function requirePlanner(actor: Actor): void {
  if (!canManageFleet(actor))
    throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not plan`);
}

function requireStaff(actor: Actor): void {
  if (fleetReadScope(actor).kind !== 'all')
    throw new RpcError('FORBIDDEN', 'planning runs and plans are for dispatch staff');
}

const notFound = (field: string, id: string) =>
  new RpcError('NOT_FOUND', `${field} ${id} not found`, {
    issues: [{ path: field, message: 'not found' }],
  });

/** Planning runs (start, follow, cancel) and the plans they produce. */
export function planningRoutes(deps: DispatchDeps): RpcRoute[] {
  const { db, bus } = deps;

  /** A re-plan must start from a plan of the same day (a cheap look at the plan's head). */
  async function checkBasePlan(planId: string, date: string): Promise<void> {
    const base = await db
      .selectFrom('plans')
      .select('date')
      .where('id', '=', planId)
      .executeTakeFirst();
    if (!base) throw notFound('basePlanId', planId);
    if (base.date !== date) {
      throw new RpcError('BAD_REQUEST', `plan ${planId} is of ${base.date}, not ${date}`, {
        issues: [{ path: 'basePlanId', message: 'a plan of another day' }],
      });
    }
  }

  return [
    handle(startPlanningRun, async (input, context) => {
      requirePlanner(context.actor);
      if (!bus) throw new RpcError('INTERNAL', 'dispatch was started without a bus');
      const id = idFor(context, 'planning.start');
      // A retried start (same idempotency key) answers the run the first one created.
      const existing = await findRun(db, id);
      if (existing) return existing;
      if (input.basePlanId) await checkBasePlan(input.basePlanId, input.date);
      // Stored queued at once: the runner that claims the run gathers its problem (orders,
      // household locations, the fleet), which under load outlasts a caller's wait.
      const run = await insertRun(db, {
        id,
        date: input.date,
        districtCodes: input.districtCodes,
        timeLimitSeconds: input.timeLimitSeconds,
        requestedBy: context.actor.id,
        basePlanId: input.basePlanId,
      });
      deps.onRunQueued?.();
      return run;
    }),

    handle(getPlanningRun, async (input, { actor }) => {
      requireStaff(actor);
      const run = await findRun(db, input.runId);
      if (!run) throw notFound('runId', input.runId);
      return run;
    }),

    handle(cancelPlanningRun, async (input, { actor }) => {
      requirePlanner(actor);
      const run = await requestCancel(db, input.runId);
      if (!run) throw notFound('runId', input.runId);
      return run;
    }),

    handle(getPlan, async (input, { actor }) => {
      requireStaff(actor);
      const plan = await findPlan(db, input.planId);
      if (!plan) throw notFound('planId', input.planId);
      return plan;
    }),
  ];
}
