import type { Kysely } from 'kysely';
import pRetry from 'p-retry';

import type { Bus } from '@anbu/bus';
import type { PlanningRun } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { RpcNoRespondersError, RpcRemoteError, RpcTimeoutError } from '@anbu/bus';
import { isDatabaseUnavailable } from '@anbu/db';

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

/** How long gathering waits out a service restarting or a database down before failing the run. */
export const DEFAULT_GATHER_WAIT_MS = 30_000;

/**
 * A failure that passes by itself: a service restarting (no replica serves its subject yet),
 * one too slow to answer, or a database down. A dispatcher who starts planning then should get
 * a plan a few seconds late rather than a failed run.
 */
export function isPassingFailure(error: unknown): boolean {
  if (error instanceof RpcNoRespondersError || error instanceof RpcTimeoutError) return true;
  if (error instanceof RpcRemoteError) return error.code === 'UNAVAILABLE';
  return isDatabaseUnavailable(error);
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
  run: Pick<PlanningRun, 'id' | 'date' | 'districtCodes'>;
  basePlanId: string | undefined;
  log: Logger;
  /** How long passing failures are retried (default {@link DEFAULT_GATHER_WAIT_MS}). */
  waitMs?: number | undefined;
  /** True once the run is no longer this runner's to gather: retrying stops. */
  stopped?: () => boolean;
}): Promise<PlanningInput> {
  const { db, bus, run, log, stopped = () => false } = deps;
  if (!bus) throw new GatherError('dispatch was started without a bus: nothing to gather from');
  const locks = deps.basePlanId
    ? await locksOf(db, { planId: deps.basePlanId, date: run.date })
    : [];
  const sources = await pRetry(
    () => loadPlanningSources({ db, bus, date: run.date, districtCodes: run.districtCodes }),
    {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: 250,
      maxTimeout: 4_000,
      maxRetryTime: deps.waitMs ?? DEFAULT_GATHER_WAIT_MS,
      shouldRetry: ({ error }) => isPassingFailure(error) && !stopped(),
      onFailedAttempt: ({ error, attemptNumber, retryDelay }) => {
        if (isPassingFailure(error) && retryDelay > 0) {
          log.warn(
            { runId: run.id, attempt: attemptNumber, retryInMs: retryDelay, err: error },
            'gathering the planning problem failed for now; retrying',
          );
        }
      },
    },
  ).catch((err: unknown) => {
    const why = err instanceof Error ? err.message : String(err);
    throw new GatherError(`could not gather the problem (household or depot locations): ${why}`, {
      cause: err,
    });
  });
  return buildPlanningInput({ ...sources, locks });
}
