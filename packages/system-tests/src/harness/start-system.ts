import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { ServiceName } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { PostgresServer, TestLogger } from '@anbu/db/testing';
import type { Gateway, GatewayTables } from '@anbu/gateway';
import type { RunningService, ServiceDefinition } from '@anbu/service-kit';
import { createNatsBus } from '@anbu/bus/nats';
import { startNatsServer } from '@anbu/bus/testing';
import { createCareService } from '@anbu/care';
import { createDb, migrateToLatest } from '@anbu/db';
import { createTestLogger, startPostgres } from '@anbu/db/testing';
import { createDispatchService } from '@anbu/dispatch';
import { createDonationsService } from '@anbu/donations';
import { createGateway, GATEWAY_SCHEMA } from '@anbu/gateway';
import { createHouseholdsService } from '@anbu/households';
import { createMatchingService } from '@anbu/matching';
import { startService } from '@anbu/service-kit';

import type { GatewayClient } from './gateway-client.js';
import type { TestClock } from './test-clock.js';
import { createGatewayClient } from './gateway-client.js';
import { createTestClock } from './test-clock.js';

/** Options of the dispatch service (its package does not export the type by name). */
export type DispatchServiceOptions = NonNullable<Parameters<typeof createDispatchService>[0]>;

/** The services in the order they start (the embedded runner's order). */
export const SYSTEM_SERVICES = [
  'households',
  'donations',
  'dispatch',
  'matching',
  'care',
] as const satisfies readonly ServiceName[];

/** Outbox poll interval of the services under test: events move within a tenth of a second. */
export const DEFAULT_SYSTEM_OUTBOX_POLL_MS = 50;

/**
 * Dispatch options of a test that plans through the gateway: planning runs solved in this
 * process, claimed and reported every 200 ms, with a fixed solver seed.
 */
export const PLANNING_DISPATCH: DispatchServiceOptions = {
  runPlanning: true,
  heartbeatMs: 200,
  pollMs: 200,
  seed: 1,
};

export interface StartSystemOptions {
  /** Which services to run (default all of {@link SYSTEM_SERVICES}); the gateway always runs. */
  readonly services?: readonly ServiceName[];
  /** The clock households, donations, matching and care read (default: real time). */
  readonly clock?: TestClock;
  /** Options of the dispatch service (e.g. `{ runPlanning: false }`). */
  readonly dispatch?: DispatchServiceOptions;
  readonly outboxPollMs?: number;
  readonly log?: TestLogger;
}

/** One service replica of a running system: its own database handle and NATS connection. */
export interface SystemReplica {
  readonly name: ServiceName;
  readonly instanceId: string;
  readonly handle: DbHandle;
  readonly bus: Bus;
  readonly running: RunningService;
  /** Drains the replica and closes its bus and database handle (idempotent). */
  stop(): Promise<void>;
}

/** A whole Anbu on real PostgreSQL and nats-server, wired as the distributed mode wires it. */
export interface RunningSystem extends AsyncDisposable {
  readonly postgres: PostgresServer;
  readonly nats: NatsServer;
  readonly clock: TestClock;
  readonly log: TestLogger;
  /** The 32-byte key households encrypts sensitive fields with. */
  readonly encryptionKey: Buffer;
  /** The test's own NATS connection: request any RPC, publish events (a client of the system). */
  readonly bus: Bus;
  readonly gateway: Gateway;
  /** HTTP to the gateway app in-process: tRPC and partner REST, as a browser or partner would. */
  readonly http: GatewayClient;
  /** Every replica started so far (first replica of each service first). */
  readonly replicas: readonly SystemReplica[];
  /** A Kysely on `schema` through the test's own handle, to look at a service's tables. */
  db<DB>(schema: ServiceName | typeof GATEWAY_SCHEMA): Kysely<DB>;
  /** Starts another replica of `service` (its own handle and connection), e.g. to kill one. */
  addReplica(service: ServiceName): Promise<SystemReplica>;
  /** Stops the replicas, the gateway's and the test's connections, then both servers. */
  stop(): Promise<void>;
}

function definitionOf(
  name: ServiceName,
  options: { clock: TestClock; encryptionKey: Buffer; dispatch: DispatchServiceOptions },
): ServiceDefinition<never> {
  const now = () => options.clock.now();
  // The definitions differ in their database types only; startService binds each to its schema.
  const erase = <DB>(definition: ServiceDefinition<DB>) =>
    definition as unknown as ServiceDefinition<never>;
  switch (name) {
    case 'households':
      return erase(createHouseholdsService({ encryptionKey: options.encryptionKey, now }));
    case 'donations':
      return erase(createDonationsService({ now }));
    case 'dispatch':
      return erase(createDispatchService(options.dispatch));
    case 'matching':
      return erase(createMatchingService({ now }));
    case 'care':
      return erase(createCareService({ now }));
  }
}

/**
 * Starts PostgreSQL and nats-server (JetStream), every service in this process with its own
 * database handle and NATS connection (as `runStandalone` does in its own process), and the
 * gateway app on its own handle and connection. Nothing listens on a port: {@link
 * RunningSystem.http} calls the Hono app directly.
 * @example
 * await using system = await startSystem();
 * const res = await system.http.rest('POST', '/donations', { apiKey, idempotencyKey, body });
 */
export async function startSystem(options: StartSystemOptions = {}): Promise<RunningSystem> {
  const log = options.log ?? createTestLogger();
  const clock = options.clock ?? createTestClock();
  const encryptionKey = randomBytes(32);
  const outboxPollMs = options.outboxPollMs ?? DEFAULT_SYSTEM_OUTBOX_POLL_MS;
  const [postgres, nats] = await Promise.all([
    startPostgres(),
    startNatsServer({ jetstream: true }),
  ]);
  const closers: (() => Promise<void>)[] = [];
  const replicas: SystemReplica[] = [];
  const counts = new Map<ServiceName, number>();

  const connect = async (name: string) => {
    const handle = await createDb({ url: postgres.url, log, poolSize: 4 });
    const bus = await createNatsBus({ servers: nats.url, log, name }).catch(async (error) => {
      await handle.close();
      throw error;
    });
    return { handle, bus };
  };

  const addReplica = async (name: ServiceName): Promise<SystemReplica> => {
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    const instanceId = `${name}-${String(n)}`;
    const { handle, bus } = await connect(instanceId);
    const definition = definitionOf(name, {
      clock,
      encryptionKey,
      dispatch: options.dispatch ?? {},
    });
    let running: RunningService;
    try {
      running = await startService(definition, { db: handle, bus, log, instanceId, outboxPollMs });
    } catch (error) {
      await bus.close();
      await handle.close();
      throw error;
    }
    let stopping: Promise<void> | undefined;
    const replica: SystemReplica = {
      name,
      instanceId,
      handle,
      bus,
      running,
      stop: () => {
        stopping ??= (async () => {
          await running.stop();
          await bus.close();
          await handle.close();
        })();
        return stopping;
      },
    };
    replicas.push(replica);
    return replica;
  };

  const stop = async () => {
    for (const close of [...closers].reverse()) {
      await close().catch((err: unknown) => log.warn({ err }, 'closing a connection failed'));
    }
    // Reverse start order: consumers stop before the services they depend on.
    for (const replica of [...replicas].reverse()) {
      await replica.stop().catch((err: unknown) => log.warn({ err }, 'stopping a replica failed'));
    }
    await Promise.allSettled([nats.stop(), postgres.stop()]);
  };

  try {
    for (const name of options.services ?? SYSTEM_SERVICES) await addReplica(name);

    const gatewayConnection = await connect('gateway-1');
    closers.push(async () => {
      await gatewayConnection.bus.close();
      await gatewayConnection.handle.close();
    });
    const gatewayDb = gatewayConnection.handle.forSchema<GatewayTables>(GATEWAY_SCHEMA);
    const gateway = createGateway({
      db: gatewayDb,
      bus: gatewayConnection.bus,
      log,
      cookieSecure: false,
      trustProxy: true,
    });
    const migrated = await migrateToLatest({
      db: gatewayDb,
      schema: gateway.schema,
      migrations: gateway.migrations,
      log,
    });
    if (migrated.error) throw migrated.error;

    const client = await connect('system-test');
    closers.push(async () => {
      await client.bus.close();
      await client.handle.close();
    });

    return {
      postgres,
      nats,
      clock,
      log,
      encryptionKey,
      bus: client.bus,
      gateway,
      http: createGatewayClient(gateway.app),
      replicas,
      db: <DB>(schema: string) => client.handle.forSchema<DB>(schema),
      addReplica,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
