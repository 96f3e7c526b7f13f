import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { PlanningProgress, PlanningRun } from '@anbu/contracts';
import type { RoutingProblemInput, RoutingSolution } from '@anbu/contracts/routing';
import type { Logger } from '@anbu/db';
import type { TableService } from '@anbu/road-matrix';
import type { WorkerSolve } from '@anbu/routing/worker';
import { transaction } from '@anbu/db';
import { attachRoadMatrices } from '@anbu/road-matrix';
import { parseProblem } from '@anbu/routing';
import { solveInWorker } from '@anbu/routing/worker';

import type { PlanningInput } from '../domain/planning-input.js';
import type { RouteGeometry } from '../geometry/osrm-geometry.js';
import type { ClaimedRun } from '../repo/planning-runs.js';
import type { DispatchDatabase } from '../repo/schema.js';
import { buildPlan } from '../domain/plan-from-solution.js';
import { straightGeometry } from '../geometry/osrm-geometry.js';
import { withRouteLines } from '../geometry/road-lines.js';
import { finishRun, renewLease, storeInput } from '../repo/planning-runs.js';
import { insertPlan } from '../repo/plans.js';
import { gatherInput } from './gather-input.js';

/** What solving one claimed run needs from its runner. */
export interface SolveRunContext {
  readonly db: Kysely<DispatchDatabase>;
  /** Gathers a queued run's problem from households and donations. */
  readonly bus?: Bus | undefined;
  readonly log: Logger;
  readonly owner: string;
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly maxAttempts: number;
  /** How long gathering waits out a service restarting or a database down. */
  readonly gatherWaitMs?: number | undefined;
  readonly seed?: number | undefined;
  readonly workerUrl?: URL | undefined;
  readonly geometry?: RouteGeometry | undefined;
  readonly travel?: TableService | null | undefined;
  /** True once the runner stops dead or gives its runs back: nothing more is written. */
  readonly halted: () => boolean;
}

/** A run held by one of the runner's workers; `solve` is set once its solver thread starts. */
export interface RunSlot {
  readonly runId: string;
  solve?: WorkerSolve;
}

/** Lets timers and I/O callbacks waiting on the event loop run before going on. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const EMPTY_SOLUTION: RoutingSolution = {
  routes: [],
  unassigned: [],
  summary: {
    cost: 0,
    vehicles: 0,
    unassigned: 0,
    distance: 0,
    duration: 0,
    service: 0,
    waiting: 0,
    iterations: 0,
    computingTimeMs: 0,
  },
};

/** The problem with road matrices when a table service is configured; as it is otherwise. */
async function roadTravel(
  ctx: SolveRunContext,
  problem: RoutingProblemInput,
  runId: string,
): Promise<RoutingProblemInput> {
  const travel = ctx.travel;
  if (!travel) return problem;
  try {
    const attached = await attachRoadMatrices(problem, travel);
    if (attached.reason)
      ctx.log.info({ runId, reason: attached.reason }, `planning with ${attached.travel} travel`);
    return attached.problem;
  } catch (err) {
    // A routing server down must not stop the day's planning: estimate and say so.
    ctx.log.warn(
      { runId, err, service: travel.name },
      'road travel times unavailable; planning with straight-line estimates',
    );
    return problem;
  }
}

/**
 * Solves one claimed run: gathers its problem first when no earlier attempt stored it (a
 * gathering failure fails the run with the reason), then solves it in a solver thread
 * (`slot.solve`), storing progress and renewing the lease every heartbeat from the claim on,
 * honouring a cancel, and storing the plan. The solver always keeps its first complete solution
 * (construction is never cut short by the time limit), so a run whose limit is shorter than its
 * construction still ends with a plan.
 */
export async function solveRun(
  ctx: SolveRunContext,
  claimed: ClaimedRun,
  slot: RunSlot,
): Promise<void> {
  const { db, log, owner, leaseMs, heartbeatMs } = ctx;
  const { run } = claimed;
  const finish = (rest: Omit<Parameters<typeof finishRun>[1], 'id' | 'owner'>) =>
    finishRun(db, { id: run.id, owner, ...rest });
  if (run.attempts > ctx.maxAttempts) {
    await finish({ status: 'failed', error: `gave up after ${ctx.maxAttempts} attempts` });
    return;
  }
  let progress: PlanningProgress = { elapsedMs: 0, iterations: 0, fraction: 0 };
  let dirty = false;
  let cancelled = false;
  let lost = false;
  // Set once the run is being finished: a renewal answered after our own finishRun finds the
  // run no longer ours, which is not a takeover.
  let finishing = false;
  // One timer both renews the lease and stores progress, so progress is written at most once
  // per heartbeat however often the solver reports. It beats from the claim on: gathering the
  // problem holds the run too.
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating || ctx.halted()) return;
    beating = true;
    const sent = dirty ? progress : undefined;
    dirty = false;
    renewLease(db, { id: run.id, owner, leaseMs, ...(sent ? { progress: sent } : {}) })
      .then(async (state) => {
        if (!state.owned && !lost && !finishing) {
          lost = true;
          log.warn({ runId: run.id }, 'planning run lease lost; another replica has it');
          await slot.solve?.terminate();
        } else if (state.cancelRequested && !cancelled) {
          cancelled = true;
          slot.solve?.stop();
        }
      })
      .catch((err: unknown) => log.warn({ err, runId: run.id }, 'lease renewal failed'))
      .finally(() => {
        beating = false;
      });
  }, heartbeatMs);
  try {
    let input = claimed.input;
    if (!input) {
      try {
        input = await gatherInput({
          db,
          bus: ctx.bus,
          run,
          basePlanId: claimed.basePlanId,
          log,
          waitMs: ctx.gatherWaitMs,
          stopped: () => ctx.halted() || lost,
        });
      } catch (err) {
        if (ctx.halted() || lost) return;
        finishing = true;
        const error = err instanceof Error ? err.message : String(err);
        log.warn({ err, runId: run.id }, 'planning run failed: its problem could not be gathered');
        await finish({ status: 'failed', progress, error });
        return;
      }
      if (ctx.halted() || lost) return;
      if (!(await storeInput(db, { id: run.id, owner, input }))) return;
    }
    const timeLimitMs = run.timeLimitSeconds * 1000;
    const hasWork = input.jobs.length > 0 && input.vehicles.length > 0;
    const problem = hasWork ? await roadTravel(ctx, input.problem, run.id) : input.problem;
    // Given back, stopped dead or cancelled while gathering: start no solver.
    if (ctx.halted() || lost) return;
    if (hasWork && !cancelled) {
      slot.solve = solveInWorker(parseProblem(problem), {
        timeLimitMs,
        progressIntervalMs: heartbeatMs,
        ...(ctx.seed !== undefined ? { seed: ctx.seed } : {}),
        ...(ctx.workerUrl ? { workerUrl: ctx.workerUrl } : {}),
        onProgress: (p) => {
          progress = {
            bestCost: Math.max(0, p.cost),
            elapsedMs: Math.round(p.elapsedMs),
            iterations: p.iterations,
            fraction: Math.min(1, p.elapsedMs / timeLimitMs),
            unassigned: p.unassigned,
            vehicles: p.vehicles,
          };
          dirty = true;
        },
      });
    }
    const solve = slot.solve;
    const solution = solve ? await solve.result : EMPTY_SOLUTION;
    if (ctx.halted() || lost) return;
    finishing = true;
    if (cancelled) {
      await finish({ status: 'cancelled', progress });
      return;
    }
    await storePlan(ctx, { run, input, solution, progress });
  } catch (err) {
    if (ctx.halted() || lost) return;
    finishing = true;
    log.error({ err, runId: run.id }, 'planning run failed');
    await finish({
      status: 'failed',
      progress,
      error: err instanceof Error ? err.message : String(err),
    });
  } finally {
    clearInterval(heartbeat);
  }
}

async function storePlan(
  ctx: SolveRunContext,
  args: {
    run: PlanningRun;
    input: PlanningInput;
    solution: RoutingSolution;
    progress: PlanningProgress;
  },
): Promise<void> {
  const { db, log, owner } = ctx;
  const { run, input, solution } = args;
  // Route by route, letting the event loop breathe in between: the gateway shares it.
  const steps = buildPlan(input, solution, {
    planId: randomUUID(),
    runId: run.id,
    date: run.date,
    createdAt: new Date().toISOString(),
    newId: randomUUID,
  });
  let step = steps.next();
  while (!step.done) {
    await yieldToLoop();
    step = steps.next();
  }
  const solved = step.value;
  const plan =
    ctx.geometry && ctx.geometry !== straightGeometry
      ? await withRouteLines(solved, { geometry: ctx.geometry })
      : solved;
  const progress: PlanningProgress = {
    ...args.progress,
    bestCost: Math.max(0, solution.summary.cost),
    iterations: Math.max(args.progress.iterations, solution.summary.iterations),
    fraction: 1,
    unassigned: plan.unassigned.length,
    vehicles: plan.routes.length,
  };
  const stored = await transaction(db, async (trx) => {
    const finished = await finishRun(trx, {
      id: run.id,
      owner,
      status: 'succeeded',
      planId: plan.id,
      progress,
    });
    if (finished) await insertPlan(trx, plan, { perRoute: yieldToLoop });
    return finished;
  });
  if (!stored) log.warn({ runId: run.id }, 'planning run taken over before its plan was stored');
  else log.info({ runId: run.id, planId: plan.id, routes: plan.routes.length }, 'plan stored');
}
