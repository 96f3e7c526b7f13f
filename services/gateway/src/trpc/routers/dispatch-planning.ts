import type { TRPCRouterRecord } from '@trpc/server';

import type { PlanningRun } from '@anbu/contracts';
import {
  cancelPlanningRun,
  getPlan,
  getPlanningRun,
  listOrdersOnMap,
  lockStop,
  moveStop,
  publishPlan,
  startPlanningRun,
} from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import { declare } from '../access.js';
import { callService } from '../call.js';

/** How often {@link dispatchPlanningRouter.planningProgress} asks dispatch for the run. */
export const PROGRESS_POLL_MS = 500;

const FINISHED: ReadonlySet<PlanningRun['status']> = new Set(['succeeded', 'failed', 'cancelled']);

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The run each time its status or progress changes, until it ends. Any dispatch replica may be
 * solving it (the run lives in dispatch's database), so the gateway asks the queue group rather
 * than listening to one replica.
 */
async function* followRun(
  ctx: Pick<Context, 'deps' | 'actor' | 'meta'>,
  options: { runId: string; signal: AbortSignal | undefined; pollMs?: number },
): AsyncGenerator<PlanningRun> {
  const { runId, signal, pollMs = PROGRESS_POLL_MS } = options;
  let last = '';
  while (!signal?.aborted) {
    const run = await callService(ctx, getPlanningRun, { runId });
    const seen = JSON.stringify([run.status, run.progress, run.planId]);
    if (seen !== last) {
      last = seen;
      yield run;
    }
    if (FINISHED.has(run.status)) return;
    await sleep(pollMs, signal);
  }
}

/**
 * Dispatchers' planning: the order pool on the map, planning runs (start, follow, cancel), the
 * plan they produce, edits (move, lock) and publishing.
 */
export const dispatchPlanningRouter = {
  /** Orders (open ones by default) with their map location; no names or addresses. */
  orders: declare('dispatch.orders')
    .input(listOrdersOnMap.input)
    .query(({ ctx, input }) => callService(ctx, listOrdersOnMap, input)),

  /** Queues a planning run of a day (or some districts); with `basePlanId`, a re-plan. */
  planningStart: declare('dispatch.planningStart')
    .input(startPlanningRun.input)
    .mutation(({ ctx, input }) => callService(ctx, startPlanningRun, input)),

  planningGet: declare('dispatch.planningGet')
    .input(getPlanningRun.input)
    .query(({ ctx, input }) => callService(ctx, getPlanningRun, input)),

  planningCancel: declare('dispatch.planningCancel')
    .input(cancelPlanningRun.input)
    .mutation(({ ctx, input }) => callService(ctx, cancelPlanningRun, input)),

  /**
   * The run's progress (best cost, elapsed, iterations) as it changes, over SSE
   * (`httpSubscriptionLink`); the last event is the finished run with its `planId`.
   */
  planningProgress: declare('dispatch.planningProgress')
    .input(getPlanningRun.input)
    .subscription(({ ctx, input, signal }) => followRun(ctx, { runId: input.runId, signal })),

  /** A plan: routes with ordered stops, ETAs, load, distance, duration, geometry; unassigned. */
  plan: declare('dispatch.plan')
    .input(getPlan.input)
    .query(({ ctx, input }) => callService(ctx, getPlan, input)),

  moveStop: declare('dispatch.moveStop')
    .input(moveStop.input)
    .mutation(({ ctx, input }) => callService(ctx, moveStop, input)),

  lockStop: declare('dispatch.lockStop')
    .input(lockStop.input)
    .mutation(({ ctx, input }) => callService(ctx, lockStop, input)),

  /** Publishes a draft plan: each carrier then sees their own route (`dispatch.myRoute`). */
  publish: declare('dispatch.publish')
    .input(publishPlan.input)
    .mutation(({ ctx, input }) => callService(ctx, publishPlan, input)),
} satisfies TRPCRouterRecord;
