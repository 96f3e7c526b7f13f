import type { TestLogger } from '@anbu/db/testing';

import type { Bus } from '../bus.js';
import type { NatsServer } from './start-nats-server.js';
import { createNatsBus } from '../nats/index.js';
import { hasNatsServer, startNatsServer } from './start-nats-server.js';

/** One implementation under test: `bus` and `other` act as two replicas (two connections). */
export interface BusImplementation {
  readonly name: string;
  create(log: TestLogger): Promise<{ bus: Bus; other: Bus }>;
}

/**
 * The NATS implementation for the contract suite, on one nats-server per suite (started on
 * first use, stopped when the returned `cleanup` runs); empty if nats-server is missing
 * outside CI.
 */
export function natsImplementation(): {
  implementations: BusImplementation[];
  cleanup: () => Promise<void>;
} {
  if (!hasNatsServer()) return { implementations: [], cleanup: () => Promise.resolve() };
  let server: NatsServer | undefined;
  return {
    implementations: [
      {
        name: 'nats',
        async create(log) {
          server ??= await startNatsServer({ jetstream: true });
          const url = server.url;
          const bus = await createNatsBus({
            servers: url,
            log,
            retryBaseMs: 50,
            name: 'replica-a',
          });
          const other = await createNatsBus({
            servers: url,
            log,
            retryBaseMs: 50,
            name: 'replica-b',
          });
          return { bus, other };
        },
      },
    ],
    cleanup: async () => {
      await server?.stop();
    },
  };
}
