import type { Kysely } from 'kysely';

import type { Logger } from '@anbu/db';
import type { BackgroundTask } from '@anbu/service-kit';
import { seoulDate } from '@anbu/contracts';

import type { DonationsDatabase } from '../repo/schema.js';
import { sweepExpiredLots } from './sweep-expired-lots.js';

/** How often the sweeper looks for expired lots by default: every 10 minutes. */
export const DEFAULT_EXPIRY_SWEEP_MS = 10 * 60 * 1000;

/**
 * Runs the expiry sweep on a timer: once at start, then every `intervalMs`, never two at a time
 * on one replica (replicas may overlap: the sweep is idempotent). A failing sweep is logged and
 * tried again at the next tick.
 * @example
 * const sweeper = createExpirySweeper({ db, log, now: () => new Date(), wake });
 * await sweeper.stop();
 */
export function createExpirySweeper(options: {
  db: Kysely<DonationsDatabase>;
  log: Logger;
  now: () => Date;
  wake: () => void;
  intervalMs?: number;
}): BackgroundTask & { readonly runNow: () => Promise<void> } {
  const { db, log, now, wake, intervalMs = DEFAULT_EXPIRY_SWEEP_MS } = options;
  let running: Promise<void> | undefined;
  let stopped = false;

  const runNow = (): Promise<void> => {
    running ??= (async () => {
      try {
        const asOf = seoulDate(now());
        const result = await sweepExpiredLots(db, asOf);
        if (result.expiredLotIds.length > 0) {
          wake();
          log.info(
            { asOf, lots: result.expiredLotIds.length, units: result.unitsWrittenOff },
            'expired lots written off',
          );
        }
      } catch (error) {
        log.error({ err: error }, 'expiry sweep failed; retrying at the next tick');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) void runNow();
  }, intervalMs);
  timer.unref();
  void runNow();

  return {
    name: 'expiry-sweeper',
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
