import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { PlanningRun } from '@anbu/contracts';

import type { PlanningInput, StopLock } from '../domain/planning-input.js';
import type { DispatchDatabase } from '../repo/schema.js';
import { buildPlanningInput } from '../domain/planning-input.js';
import { findPlan } from '../repo/plans.js';
import { loadPlanningSources } from './planning-sources.js';

/** Gathering a run's problem failed; the run fails with this message as its reason. */
export class GatherError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GatherError';
  }
}

/** The locked stops of the plan a re-plan starts from, as order → shift pins. */
async function locksOf(
  db: Kysely<DispatchDatabase>,
  options: { planId: string; date: string },
): Promise<StopLock[]> {
  const base = await findPlan(db, options.planId);
  if (!base) throw new GatherError(`the plan re-planned, ${options.planId}, is gone`);
  if (base.date !== options.date) {
    throw new GatherError(`the plan re-planned is of ${base.date}, not ${options.date}`);
  }
  return base.routes.flatMap((route) =>
    route.shiftId === undefined
      ? []
      : route.stops
          .filter((stop) => stop.locked)
          .map((stop) => ({ orderId: stop.orderId, shiftId: route.shiftId ?? '' })),
  );
}

/**
 * Builds a claimed run's routing problem: its open orders, their household locations (from
 * households), depot locations (from donations), the fleet of its districts, and the locks of
 * the plan it re-plans. Throws a {@link GatherError} naming what could not be gathered.
 */
export async function gatherInput(deps: {
  db: Kysely<DispatchDatabase>;
  bus: Bus | undefined;
  run: Pick<PlanningRun, 'date' | 'districtCodes'>;
  basePlanId: string | undefined;
}): Promise<PlanningInput> {
  const { db, bus, run } = deps;
  if (!bus) throw new GatherError('dispatch was started without a bus: nothing to gather from');
  const locks = deps.basePlanId
    ? await locksOf(db, { planId: deps.basePlanId, date: run.date })
    : [];
  const sources = await loadPlanningSources({
    db,
    bus,
    date: run.date,
    districtCodes: run.districtCodes,
  }).catch((err: unknown) => {
    const why = err instanceof Error ? err.message : String(err);
    throw new GatherError(`could not gather the problem (household or depot locations): ${why}`, {
      cause: err,
    });
  });
  return buildPlanningInput({ ...sources, locks });
}
