import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { DonationsDatabase } from './repo/schema.js';
import { migrations } from './migrations/index.js';
import { createRpc } from './rpc/index.js';

/**
 * The donations service: depots, donation offers with their status history, and stock lots.
 * @example
 * await startService(createDonationsService(), { db, bus, log });
 */
export function createDonationsService(
  options: { now?: () => Date } = {},
): ServiceDefinition<DonationsDatabase> {
  const now = options.now ?? (() => new Date());
  return defineService<DonationsDatabase>({
    name: 'donations',
    migrations,
    start: ({ db, log, outbox }) =>
      Promise.resolve({ routes: createRpc({ db, log, now, wake: () => outbox.wake() }) }),
  });
}
