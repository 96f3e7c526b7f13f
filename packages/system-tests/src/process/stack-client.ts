import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { DbHandle } from '@anbu/db';
import type { GatewayTables } from '@anbu/gateway';
import { createNatsBus } from '@anbu/bus/nats';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { createApiKey, createUser, GATEWAY_SCHEMA } from '@anbu/gateway';

import type { GatewayClient } from '../harness/gateway-client.js';
import type { SeedTarget } from '../harness/seed-world.js';
import type { Stack } from './stack.js';
import { createGatewayClient, httpTarget } from '../harness/gateway-client.js';

/** A test's own connections to a running process stack. */
export interface StackClient extends AsyncDisposable {
  /** The test's NATS connection: seed through the services' import RPCs. */
  readonly bus: Bus;
  /** HTTP to the gateway process, as a browser or a partner system would call it. */
  readonly http: GatewayClient;
  /** What {@link seedWorld} needs (the gateway's users and API keys through its tables). */
  readonly seed: SeedTarget;
  /** A Kysely on a service's schema, to look at its tables. */
  db<T>(schema: string): Kysely<T>;
}

/**
 * Connects a test to a stack started with {@link startStack}: its own NATS connection and
 * database pool (which ride out a service's or PostgreSQL's crash: pg reconnects per query).
 */
export async function connectToStack(stack: Stack): Promise<StackClient> {
  const log = createTestLogger();
  const handle: DbHandle = await createDb({ url: stack.databaseUrl, log, poolSize: 4 });
  const bus = await createNatsBus({ servers: stack.natsUrl, log, name: 'fault-suite' });
  const gatewayDb = handle.forSchema<GatewayTables>(GATEWAY_SCHEMA);
  return {
    bus,
    http: createGatewayClient(httpTarget(stack.baseUrl)),
    seed: {
      bus,
      clock: { now: () => new Date() },
      gateway: {
        createUser: (user) => createUser(gatewayDb, user),
        createApiKey: (key) => createApiKey(gatewayDb, key),
      },
    },
    db: <T>(schema: string) => handle.forSchema<T>(schema),
    async [Symbol.asyncDispose]() {
      await bus.close();
      await handle.close();
    },
  };
}
