import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { TestLogger } from '@anbu/db/testing';
import type { RunningService } from '@anbu/service-kit';
import { createMemoryBus } from '@anbu/bus/memory';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { CareDatabase } from '../repo/schema.js';
import type { CareServiceOptions } from '../service.js';
import { createCareService } from '../service.js';

/** A care service on its own database and bus, for tests. */
export interface CareHarness extends AsyncDisposable {
  readonly bus: Bus;
  readonly db: Kysely<CareDatabase>;
  readonly log: TestLogger;
  /** Stops the service (the database and bus stay open). */
  stop(): Promise<void>;
  /** Starts the service again on the same database and bus, as after a process restart. */
  start(): Promise<void>;
}

/** A clock tests move by hand. */
export interface TestClock {
  now: () => Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** A clock standing at `start` until moved. */
export function testClock(start: Date | string = new Date()): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * Starts care on PGlite in memory (or PostgreSQL at `url`) and the memory bus (or `bus`), with
 * a fast sweeper (50 ms) unless `service.sweepMs` says otherwise.
 */
export async function startCare(
  options: { url?: string; bus?: Bus; service?: CareServiceOptions; instanceId?: string } = {},
): Promise<CareHarness> {
  const log = createTestLogger();
  const handle = await createDb({ url: options.url, dataDir: 'memory://', log });
  const bus = options.bus ?? createMemoryBus({ log });
  const definition = createCareService({ sweepMs: 50, ...options.service });
  const launch = () =>
    startService(definition, {
      db: handle,
      bus,
      log,
      outboxPollMs: 50,
      ...(options.instanceId ? { instanceId: options.instanceId } : {}),
    });
  let running: RunningService | undefined = await launch();
  return {
    bus,
    db: handle.forSchema<CareDatabase>('care'),
    log,
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      running ??= await launch();
    },
    async [Symbol.asyncDispose]() {
      await running?.stop();
      await bus.close();
      await handle.close();
    },
  };
}
