import type { Logger } from '@anbu/db';
import type { BackgroundTask } from '@anbu/service-kit';

/** One kind of due work: handles up to a batch and says how many it handled. */
export interface SweepStep {
  readonly name: string;
  run(now: Date): Promise<number>;
}

/** A started sweeper; `tick()` runs one pass now (tests, and a wake-up after a commit). */
export interface Sweeper extends BackgroundTask {
  tick(): Promise<void>;
}

/** How often the sweeper looks for due work (ms). */
export const DEFAULT_SWEEP_MS = 5_000;
/** Passes of one step per tick when it keeps finding full batches. */
const MAX_ROUNDS = 20;

/**
 * Runs the steps on a timer. The deadlines live in the database, so a restarted (or another)
 * replica finds the same due work; each step claims rows with `FOR UPDATE SKIP LOCKED`, so
 * replicas sweeping at once never take the same row. A failing step is logged and retried on
 * the next tick; it never stops the loop.
 */
export function startSweeper(options: {
  steps: readonly SweepStep[];
  now: () => Date;
  log: Logger;
  intervalMs?: number;
  batch: number;
}): Sweeper {
  const { steps, now, log, intervalMs = DEFAULT_SWEEP_MS, batch } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async () => {
    for (const step of steps) {
      try {
        for (let round = 0; round < MAX_ROUNDS; round++) {
          if ((await step.run(now())) < batch || stopped) break;
        }
      } catch (error) {
        log.error({ err: error, step: step.name }, 'sweep step failed');
      }
    }
  };
  const tick = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void tick().then(schedule);
    }, intervalMs);
  };
  schedule();

  return {
    name: 'care-sweeper',
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
