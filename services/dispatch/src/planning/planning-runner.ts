import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { PlanningProgress, PlanningRun } from '@anbu/contracts';
import type { RoutingProblemInput, RoutingSolution } from '@anbu/contracts/routing';
import type { Logger } from '@anbu/db';
import type { TableService } from '@anbu/road-matrix';
import type { WorkerSolve } from '@anbu/routing/worker';
import type { BackgroundTask } from '@anbu/service-kit';
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
import { claimRun, finishRun, releaseRun, renewLease } from '../repo/planning-runs.js';
import { insertPlan } from '../repo/plans.js';

/** How long a claimed run stays a replica's without a heartbeat. */
export const DEFAULT_LEASE_MS = 15_000;
/** How often an idle runner looks for queued runs. */
export const DEFAULT_POLL_MS = 1_000;
/** How often progress is stored and the lease renewed while solving. */
export const DEFAULT_HEARTBEAT_MS = 500;
/** Claims of one run before it is failed (a run that kills its replica must not loop forever). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Options of {@link createPlanningRunner}. */
export interface PlanningRunnerOptions {
  readonly db: Kysely<DispatchDatabase>;
  readonly log: Logger;
  /** This replica's name in leases. */
  readonly owner: string;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  readonly maxAttempts?: number;
  readonly seed?: number;
  /** The solver's worker script (defaults to the built one of `@anbu/routing`). */
  readonly workerUrl?: URL;
  /** Draws the routes' lines (straight segments when absent). */
  readonly geometry?: RouteGeometry;
  /** Road travel times (`OSRM_URL` / `VALHALLA_URL`); great-circle estimates without. */
  readonly travel?: TableService | null;
}

/** A replica's planning loop. */
export interface PlanningRunner extends BackgroundTask {
  /** Looks for queued runs now instead of at the next poll. */
  wake(): void;
  /**
   * Stops dead, writing nothing, as a crashed process would: the run it held is taken over by
   * another runner once its lease expires.
   */
  halt(): Promise<void>;
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

/**
 * Starts a runner that claims queued planning runs (or runs whose replica died: their lease
 * expired), solves them with `solveInWorker` off the event loop, stores progress and renews the
 * lease every heartbeat, honours cancels, and stores the plan. Any number of replicas may run
 * one each on the same database.
 */
export function createPlanningRunner(options: PlanningRunnerOptions): PlanningRunner {
  const {
    db,
    log,
    owner,
    leaseMs = DEFAULT_LEASE_MS,
    pollMs = DEFAULT_POLL_MS,
    heartbeatMs = DEFAULT_HEARTBEAT_MS,
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
  } = options;
  let stopping = false;
  let halted = false;
  let current: { readonly runId: string; solve?: WorkerSolve } | undefined;
  let wakeUp: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wakeUp = undefined;
        resolve();
      }, ms);
      wakeUp = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
    });

  /** The problem with road matrices when a table service is configured; as it is otherwise. */
  async function roadTravel(
    problem: RoutingProblemInput,
    runId: string,
  ): Promise<RoutingProblemInput> {
    const travel = options.travel;
    if (!travel) return problem;
    try {
      const attached = await attachRoadMatrices(problem, travel);
      if (attached.reason)
        log.info({ runId, reason: attached.reason }, `planning with ${attached.travel} travel`);
      return attached.problem;
    } catch (err) {
      // A routing server down must not stop the day's planning: estimate and say so.
      log.warn(
        { runId, err, service: travel.name },
        'road travel times unavailable; planning with straight-line estimates',
      );
      return problem;
    }
  }

  async function solveRun(claimed: ClaimedRun): Promise<void> {
    const { run, input } = claimed;
    const finish = (rest: Omit<Parameters<typeof finishRun>[1], 'id' | 'owner'>) =>
      finishRun(db, { id: run.id, owner, ...rest });
    if (run.attempts > maxAttempts) {
      await finish({ status: 'failed', error: `gave up after ${maxAttempts} attempts` });
      return;
    }
    const timeLimitMs = run.timeLimitSeconds * 1000;
    let progress: PlanningProgress = { elapsedMs: 0, iterations: 0, fraction: 0 };
    let dirty = false;
    let cancelled = false;
    let lost = false;
    // Set once the run is being finished: a renewal answered after our own finishRun finds the
    // run no longer ours, which is not a takeover.
    let finishing = false;
    const hasWork = input.jobs.length > 0 && input.vehicles.length > 0;
    const problem = hasWork ? await roadTravel(input.problem, run.id) : input.problem;
    const solving = current?.runId === run.id ? current : undefined;
    if (hasWork && solving) {
      solving.solve = solveInWorker(parseProblem(problem), {
        timeLimitMs,
        progressIntervalMs: heartbeatMs,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
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
    const solve = solving?.solve;
    // One timer both renews the lease and stores progress, so progress is written at most once
    // per heartbeat however often the solver reports.
    let beating = false;
    const heartbeat = setInterval(() => {
      if (beating || halted) return;
      beating = true;
      const sent = dirty ? progress : undefined;
      dirty = false;
      renewLease(db, { id: run.id, owner, leaseMs, ...(sent ? { progress: sent } : {}) })
        .then(async (state) => {
          if (!state.owned && !lost && !finishing) {
            lost = true;
            log.warn({ runId: run.id }, 'planning run lease lost; another replica has it');
            await solve?.terminate();
          } else if (state.cancelRequested && !cancelled) {
            cancelled = true;
            solve?.stop();
          }
        })
        .catch((err: unknown) => log.warn({ err, runId: run.id }, 'lease renewal failed'))
        .finally(() => {
          beating = false;
        });
    }, heartbeatMs);
    try {
      const solution = solve ? await solve.result : EMPTY_SOLUTION;
      if (halted || lost) return;
      finishing = true;
      if (cancelled) {
        await finish({ status: 'cancelled', progress });
        return;
      }
      await storePlan({ run, input, solution, progress });
    } catch (err) {
      if (halted || lost) return;
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

  async function storePlan(args: {
    run: PlanningRun;
    input: PlanningInput;
    solution: RoutingSolution;
    progress: PlanningProgress;
  }): Promise<void> {
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
      options.geometry && options.geometry !== straightGeometry
        ? await withRouteLines(solved, { geometry: options.geometry })
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

  const loop = (async () => {
    while (!stopping) {
      let claimed: ClaimedRun | undefined;
      try {
        claimed = await claimRun(db, { owner, leaseMs });
      } catch (err) {
        log.warn({ err }, 'claiming a planning run failed');
      }
      if (!claimed) {
        await sleep(pollMs);
        continue;
      }
      current = { runId: claimed.run.id };
      try {
        await solveRun(claimed);
      } catch (err) {
        log.error({ err, runId: claimed.run.id }, 'planning run could not be finished');
      } finally {
        current = undefined;
      }
    }
  })();

  return {
    name: 'planning-runner',
    wake: () => wakeUp?.(),
    async stop() {
      stopping = true;
      wakeUp?.();
      const held = current;
      if (held?.solve) {
        // Shutting down cleanly: give the run back now rather than after the lease expires.
        halted = true;
        await held.solve.terminate();
        await releaseRun(db, { id: held.runId, owner });
      }
      await loop;
    },
    async halt() {
      stopping = true;
      halted = true;
      wakeUp?.();
      await current?.solve?.terminate();
      await loop;
    },
  };
}
