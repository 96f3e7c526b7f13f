import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { CareDatabase } from './repo/schema.js';
import { createConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { createRpc } from './rpc.js';

/**
 * The care service: welfare alerts (queue, acknowledge, resolve), visit reports, and the
 * household → district directory it keeps from households' events.
 * @example
 * await startService(createCareService(), { db, bus, log });
 */
export function createCareService(
  options: { now?: () => Date } = {},
): ServiceDefinition<CareDatabase> {
  const now = options.now ?? (() => new Date());
  return defineService<CareDatabase>({
    name: 'care',
    migrations,
    start: ({ db, outbox }) =>
      Promise.resolve({
        routes: createRpc({ db, now, wake: () => outbox.wake() }),
        consumers: createConsumers({ db }),
      }),
  });
}
