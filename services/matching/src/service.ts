import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { MatchingDatabase } from './repo/schema.js';
import { createConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { createRpc } from './rpc.js';

/**
 * The matching service: allocations and runs, and the view of needs and stock its consumer
 * keeps.
 * @example
 * await startService(createMatchingService(), { db, bus, log });
 */
export function createMatchingService(): ServiceDefinition<MatchingDatabase> {
  return defineService<MatchingDatabase>({
    name: 'matching',
    migrations,
    start: ({ db, log }) =>
      Promise.resolve({ routes: createRpc({ db }), consumers: createConsumers({ db, log }) }),
  });
}
