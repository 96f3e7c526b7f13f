import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { ServiceName } from '@anbu/contracts';
import type { TestLogger } from '@anbu/db/testing';
import type { RunningService, ServiceDefinition } from '@anbu/service-kit';
import { createMemoryBus } from '@anbu/bus/memory';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { createDispatchService } from '@anbu/dispatch';
import { createDonationsService } from '@anbu/donations';
import { createHouseholdsService } from '@anbu/households';
import { createMatchingService } from '@anbu/matching';
import { startService } from '@anbu/service-kit';

import type { TestClock } from '../harness/test-clock.js';

/** The supply chain's services in one process: one PGlite, the in-process bus, one clock. */
export interface InProcessSupply extends AsyncDisposable {
  readonly bus: Bus;
  readonly clock: TestClock;
  readonly log: TestLogger;
  /** A Kysely on a service's schema, to read its tables. */
  db<DB>(schema: ServiceName): Kysely<DB>;
  stop(): Promise<void>;
}

/**
 * Starts households, donations, dispatch (no planner) and matching on in-memory PGlite and the
 * in-process bus, as the embedded mode wires them, with a short outbox poll so that events
 * move within milliseconds: the fast stack the model-based tests run thousands of steps on.
 * @example
 * await using supply = await startInProcessSupply(createTestClock());
 */
export async function startInProcessSupply(
  clock: TestClock,
  options: { outboxPollMs?: number } = {},
): Promise<InProcessSupply> {
  const log = createTestLogger();
  const handle = await createDb({ dataDir: 'memory://', log });
  const bus = createMemoryBus({ log });
  const now = () => clock.now();
  // The definitions differ in their database types only; startService binds each to its schema.
  const erase = <DB>(definition: ServiceDefinition<DB>) =>
    definition as unknown as ServiceDefinition<never>;
  const definitions = [
    erase(createHouseholdsService({ encryptionKey: randomBytes(32), now })),
    erase(createDonationsService({ now })),
    erase(createDispatchService({ runPlanning: false })),
    erase(createMatchingService({ now })),
  ];
  const running: RunningService[] = [];
  const stop = async () => {
    for (const service of [...running].reverse()) await service.stop();
    await bus.close();
    await handle.close();
  };
  try {
    for (const definition of definitions) {
      running.push(
        await startService(definition, {
          db: handle,
          bus,
          log,
          instanceId: 'model',
          outboxPollMs: options.outboxPollMs ?? 10,
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    bus,
    clock,
    log,
    db: <DB>(schema: ServiceName) => handle.forSchema<DB>(schema),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
