import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { DonationsDatabase } from './repo/schema.js';
import { createConsumers } from './events.js';
import { createExpirySweeper, DEFAULT_EXPIRY_SWEEP_MS } from './expiry/expiry-sweeper.js';
import { migrations } from './migrations/index.js';
import { createRpc } from './rpc/index.js';

/**
 * The donations service: depots, donation offers with their status history and pickup bookings,
 * and stock lots, swept for expiry on a timer; lots' allocated counts follow matching's
 * allocations.
 * @example
 * await startService(createDonationsService(), { db, bus, log });
 */
export function createDonationsService(
  options: {
    now?: () => Date;
    /** How often lots are swept for expiry (default {@link DEFAULT_EXPIRY_SWEEP_MS}). */
    expirySweepMs?: number;
  } = {},
): ServiceDefinition<DonationsDatabase> {
  const now = options.now ?? (() => new Date());
  return defineService<DonationsDatabase>({
    name: 'donations',
    migrations,
    start: ({ db, bus, log, outbox }) => {
      const wake = () => outbox.wake();
      const sweeper = createExpirySweeper({
        db,
        log,
        now,
        wake,
        intervalMs: options.expirySweepMs ?? DEFAULT_EXPIRY_SWEEP_MS,
      });
      return Promise.resolve({
        routes: createRpc({ db, bus, log, now, wake }),
        tasks: [sweeper],
        consumers: createConsumers({ db, log, now, wake }),
      });
    },
  });
}
