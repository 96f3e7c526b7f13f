import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { DispatchDatabase } from './repo/schema.js';
import { migrations } from './migrations/index.js';
import { createRpc } from './rpc/index.js';

/**
 * The dispatch service: carriers, vehicles and shifts (planning runs and routes come with the
 * routing issue).
 * @example
 * await startService(createDispatchService(), { db, bus, log });
 */
export function createDispatchService(): ServiceDefinition<DispatchDatabase> {
  return defineService<DispatchDatabase>({
    name: 'dispatch',
    migrations,
    start: ({ db, log }) => Promise.resolve({ routes: createRpc({ db, log }) }),
  });
}
