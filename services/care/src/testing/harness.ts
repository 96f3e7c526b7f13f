import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { TestLogger } from '@anbu/db/testing';
import { createMemoryBus } from '@anbu/bus/memory';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { CareDatabase } from '../repo/schema.js';
import { createCareService } from '../service.js';

/** A care service on its own database and bus, for tests. */
export interface CareHarness extends AsyncDisposable {
  readonly bus: Bus;
  readonly db: Kysely<CareDatabase>;
  readonly log: TestLogger;
}

/** Starts care on PGlite in memory (or PostgreSQL at `url`) and the memory bus (or `bus`). */
export async function startCare(options: { url?: string; bus?: Bus } = {}): Promise<CareHarness> {
  const log = createTestLogger();
  const handle = await createDb({ url: options.url, dataDir: 'memory://', log });
  const bus = options.bus ?? createMemoryBus({ log });
  const running = await startService(createCareService(), {
    db: handle,
    bus,
    log,
    outboxPollMs: 50,
  });
  return {
    bus,
    db: handle.forSchema<CareDatabase>('care'),
    log,
    async [Symbol.asyncDispose]() {
      await running.stop();
      await bus.close();
      await handle.close();
    },
  };
}
