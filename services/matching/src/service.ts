import type { ServiceDefinition } from '@anbu/service-kit';
import { defineService } from '@anbu/service-kit';

import type { MatchingDatabase } from './repo/schema.js';
import { createConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { createRpc } from './rpc/index.js';

/** Options of {@link createMatchingService}. */
export interface MatchingServiceOptions {
  /** The clock: "today" (Asia/Seoul) decides which lots have expired. */
  readonly now?: () => Date;
}

/**
 * The matching service: allocation runs over the view of needs and stock its consumer keeps,
 * explanations, and kitchen capacity.
 * @example
 * await startService(createMatchingService(), { db, bus, log });
 */
export function createMatchingService(
  options: MatchingServiceOptions = {},
): ServiceDefinition<MatchingDatabase> {
  const now = options.now ?? (() => new Date());
  return defineService<MatchingDatabase>({
    name: 'matching',
    migrations,
    start: ({ db, bus, log, outbox }) =>
      Promise.resolve({
        routes: createRpc({ db, bus, log, now, wake: () => outbox.wake() }),
        consumers: createConsumers({ db, log, wake: () => outbox.wake() }),
      }),
  });
}
