import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { TestLogger } from '@anbu/db/testing';
import { createMemoryBus } from '@anbu/bus/memory';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { MatchingDatabase } from '../repo/schema.js';
import { createMatchingService } from '../service.js';

/** A matching service on its own database and bus, for tests. */
export interface MatchingHarness extends AsyncDisposable {
  readonly bus: Bus;
  readonly db: Kysely<MatchingDatabase>;
  readonly log: TestLogger;
}

/**
 * Starts matching on PGlite in memory (or PostgreSQL at `url`) and a memory bus that does not
 * dedupe (so that tests can redeliver an event and see the inbox hold), or `bus`.
 */
export async function startMatching(
  options: { url?: string; bus?: Bus } = {},
): Promise<MatchingHarness> {
  const log = createTestLogger();
  const handle = await createDb({ url: options.url, dataDir: 'memory://', log });
  const bus = options.bus ?? createMemoryBus({ log, dedupeWindowMs: 0 });
  const running = await startService(createMatchingService(), {
    db: handle,
    bus,
    log,
    outboxPollMs: 50,
  });
  return {
    bus,
    db: handle.forSchema<MatchingDatabase>('matching'),
    log,
    async [Symbol.asyncDispose]() {
      await running.stop();
      await bus.close();
      await handle.close();
    },
  };
}
