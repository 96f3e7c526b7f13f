import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Logger } from '@anbu/db';
import type { TableService } from '@anbu/road-matrix';
import type { BackgroundTask } from '@anbu/service-kit';

import type { RouteGeometry } from '../geometry/osrm-geometry.js';
import type { ClaimedRun } from '../repo/planning-runs.js';
import type { DispatchDatabase } from '../repo/schema.js';
import type { RunSlot, SolveRunContext } from './solve-run.js';
import { claimRun, releaseRun } from '../repo/planning-runs.js';
import { solveRun } from './solve-run.js';

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
  /** Gathers a claimed run's problem (household locations, depots); a run fails without it. */
  readonly bus?: Bus | undefined;
  readonly log: Logger;
  /** This replica's name in leases. */
  readonly owner: string;
  /**
   * Runs solved at once, each in its own solver thread (default: the cores Node may use,
   * `os.availableParallelism()`). Further runs wait queued, for this replica or another.
   */
  readonly workers?: number;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  readonly maxAttempts?: number;
  /** How long gathering a run's problem waits out a service restarting (default 30 s). */
  readonly gatherWaitMs?: number;
  readonly seed?: number;
  /** The solver's worker script (defaults to the built one of `@anbu/routing`). */
  readonly workerUrl?: URL;
  /** Draws the routes' lines (straight segments when absent). */
  readonly geometry?: RouteGeometry;
  /** Road travel times (`OSRM_URL` / `VALHALLA_URL`); great-circle estimates without. */
  readonly travel?: TableService | null;
}

/** A replica's pool of planning workers. */
export interface PlanningRunner extends BackgroundTask {
  /** Looks for queued runs now instead of at the next poll. */
  wake(): void;
  /** Runs this replica is solving right now (at most its worker count). */
  held(): readonly string[];
  /**
   * Stops dead, writing nothing, as a crashed process would: the runs it held are taken over by
   * another runner once their leases expire.
   */
  halt(): Promise<void>;
}

/**
 * Starts a pool of `workers` planning workers on this replica. One claim loop takes queued runs
 * (or runs whose replica died: their lease expired) while a worker is free, and each claimed run
 * has its problem gathered (once: it is stored with the run) and is solved in its own solver thread off the event loop (see {@link solveRun}), renewing its own
 * lease. Runs beyond the pool stay queued in the database, where a free worker of any replica
 * claims them; cancelling one of them ends it at once. Any number of replicas may share a
 * database.
 */
export function createPlanningRunner(options: PlanningRunnerOptions): PlanningRunner {
  const { db, log, owner, leaseMs = DEFAULT_LEASE_MS, pollMs = DEFAULT_POLL_MS } = options;
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  let stopping = false;
  let halted = false;
  const slots = new Map<string, RunSlot>();
  const solving = new Set<Promise<void>>();
  // A wake-up that came while the loop was busy is kept, so that it does not wait a poll.
  let woken = false;
  let wakeUp: (() => void) | undefined;

  const context: SolveRunContext = {
    db,
    bus: options.bus,
    log,
    owner,
    leaseMs,
    heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    gatherWaitMs: options.gatherWaitMs,
    seed: options.seed,
    workerUrl: options.workerUrl,
    geometry: options.geometry,
    travel: options.travel,
    halted: () => halted,
  };

  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  /** Waits `ms` (forever when undefined) or until woken. */
  const nap = (ms?: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) {
        woken = false;
        resolve();
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      };
      if (ms !== undefined) timer = setTimeout(done, ms);
      wakeUp = done;
    });

  function start(claimed: ClaimedRun): void {
    const slot: RunSlot = { runId: claimed.run.id };
    slots.set(slot.runId, slot);
    const task = solveRun(context, claimed, slot)
      .catch((err: unknown) => {
        log.error({ err, runId: slot.runId }, 'planning run could not be finished');
      })
      .finally(() => {
        slots.delete(slot.runId);
        solving.delete(task);
        // A worker is free: claim the next queued run now.
        wake();
      });
    solving.add(task);
  }

  const loop = (async () => {
    while (!stopping) {
      if (slots.size >= workers) {
        await nap();
        continue;
      }
      let claimed: ClaimedRun | undefined;
      try {
        claimed = await claimRun(db, { owner, leaseMs });
      } catch (err) {
        log.warn({ err }, 'claiming a planning run failed');
      }
      if (!claimed) {
        await nap(pollMs);
        continue;
      }
      if (stopping) {
        // Claimed while stopping: give it straight back.
        await releaseRun(db, { id: claimed.run.id, owner });
        break;
      }
      start(claimed);
    }
    await Promise.all(solving);
  })();

  return {
    name: 'planning-runner',
    wake,
    held: () => [...slots.keys()],
    async stop() {
      stopping = true;
      wakeUp?.();
      const held = [...slots.values()];
      if (held.length > 0) {
        // Shutting down cleanly: give the runs back now rather than after their leases expire.
        halted = true;
        await Promise.all(held.map((slot) => slot.solve?.terminate() ?? Promise.resolve()));
        await Promise.all(held.map((slot) => releaseRun(db, { id: slot.runId, owner })));
      }
      await loop;
    },
    async halt() {
      stopping = true;
      halted = true;
      wakeUp?.();
      await Promise.all(
        [...slots.values()].map((slot) => slot.solve?.terminate() ?? Promise.resolve()),
      );
      await loop;
    },
  };
}
