import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

import type { Bus } from '@anbu/bus';
import type { DbHandle, Logger } from '@anbu/db';
import type { DemoUser } from '@anbu/demo-city';
import type { GatewayTables } from '@anbu/gateway';
import type { TableService } from '@anbu/road-matrix';
import type { RunningService } from '@anbu/service-kit';
import { createMemoryBus } from '@anbu/bus/memory';
import { createCareService } from '@anbu/care';
import { seoulDate } from '@anbu/contracts';
import { createDb, migrateToLatest } from '@anbu/db';
import { createDispatchService } from '@anbu/dispatch';
import { createDonationsService } from '@anbu/donations';
import { createGateway, GATEWAY_SCHEMA } from '@anbu/gateway';
import { createHouseholdsService } from '@anbu/households';
import { createMatchingService } from '@anbu/matching';
import { startService } from '@anbu/service-kit';

import { seedDemoSupply } from './demo-supply.js';
import { loadOrCreateEncryptionKey } from './encryption-key.js';
import { seedDemoCity, seedDemoDay } from './seed.js';

export interface EmbeddedOptions {
  /** Holds `pgdata/` (PGlite) and `encryption.key`; `memory://` keeps everything in memory. */
  readonly dataDir: string;
  readonly port: number;
  readonly host?: string;
  readonly log: Logger;
  readonly encryptionKey?: string | undefined;
  /** The demo city's seed; `undefined` starts without seeding. */
  readonly demoSeed?: string | undefined;
  readonly webDistDir?: string | undefined;
  /** An OSRM-compatible service for road geometry (`OSRM_URL`). */
  readonly osrmUrl?: string | undefined;
  /** Road travel times for the planner (`OSRM_URL` / `VALHALLA_URL`); great-circle without. */
  readonly travel?: TableService | null;
  /**
   * Where PGlite runs: `'worker'` (default), so that PostgreSQL's synchronous WASM work never
   * holds up the HTTP server; `'main'` only to compare (the bench).
   */
  readonly pgliteThread?: 'main' | 'worker';
}

/** A running embedded Anbu: all services and the gateway in this process. */
export interface EmbeddedSystem extends AsyncDisposable {
  readonly url: string;
  readonly bus: Bus;
  readonly db: DbHandle;
  /** Whether this start seeded the demo city (false when it was there already). */
  readonly seeded: boolean;
  /** The demo users with their passwords (empty without a demo seed). */
  readonly users: readonly DemoUser[];
  /** Stops the HTTP server, drains the services, closes the bus and the database. */
  stop(): Promise<void>;
}

/**
 * Starts every service and the gateway in one process on one PGlite database (a schema each)
 * and the in-process bus, seeds the demo city on first start, and serves HTTP.
 * @example
 * const system = await startEmbedded({ dataDir: '/var/lib/anbu', port: 8080, log, demoSeed: 'iksan-2026' });
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedSystem> {
  const { log } = options;
  const inMemory = options.dataDir.startsWith('memory://');
  const { key, generated } = inMemory
    ? { key: Buffer.from(options.encryptionKey ?? '', 'base64'), generated: false }
    : loadOrCreateEncryptionKey({ dataDir: options.dataDir, given: options.encryptionKey });
  if (generated)
    log.warn(
      { dataDir: options.dataDir },
      'generated a new encryption key in the data folder; back it up',
    );

  const db = await createDb({
    dataDir: inMemory ? options.dataDir : join(options.dataDir, 'pgdata'),
    pgliteThread: options.pgliteThread ?? 'worker',
    log,
  });
  const bus = createMemoryBus({ log });
  const services: RunningService[] = [];
  let server: ReturnType<typeof serve> | undefined;

  const stop = async () => {
    if (server) {
      const closing = server;
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    }
    // Reverse start order: consumers stop before the services they depend on.
    for (const service of [...services].reverse()) await service.stop();
    await bus.close();
    await db.close();
  };

  try {
    for (const definition of [
      createHouseholdsService({ encryptionKey: key }),
      createDonationsService(),
      createDispatchService({ osrmUrl: options.osrmUrl, travel: options.travel ?? null }),
      createMatchingService(),
      createCareService(),
    ]) {
      services.push(
        await startService(definition as Parameters<typeof startService>[0], {
          db,
          bus,
          log,
          instanceId: 'embedded',
        }),
      );
    }
    const gatewayDb = db.forSchema<GatewayTables>(GATEWAY_SCHEMA);
    const gatewayLog = log.child({ service: 'gateway' });
    const gateway = createGateway({
      db: gatewayDb,
      bus,
      log: gatewayLog,
      webDistDir: options.webDistDir,
      cookieSecure: false,
    });
    const migrated = await migrateToLatest({
      db: gatewayDb,
      schema: gateway.schema,
      migrations: gateway.migrations,
      log: gatewayLog,
    });
    if (migrated.error) throw migrated.error;

    const report = options.demoSeed
      ? await seedDemoCity({ handle: db, bus, gateway, log, seed: options.demoSeed })
      : undefined;
    // Today's shifts and orders, so that a dispatcher can plan the day at once.
    if (report?.failed === 0) {
      const date = seoulDate();
      const day = await seedDemoDay({ handle: db, bus, city: report.city, log, date });
      // The demo partner's goods on that day's pool, so that its map has routes to show.
      if (day.seeded) {
        await seedDemoSupply({ bus, city: report.city, date, log }).catch((error: unknown) =>
          log.error({ err: error }, "could not put the demo partner's goods on the day's pool"),
        );
      }
    }

    const listening = serve({
      fetch: gateway.app.fetch,
      port: options.port,
      hostname: options.host ?? '0.0.0.0',
    });
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('listening', resolve);
      listening.once('error', reject);
    });
    const { port } = listening.address() as AddressInfo;
    return {
      url: `http://localhost:${port}`,
      bus,
      db,
      seeded: report?.seeded ?? false,
      users: report?.city.users ?? [],
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop().catch((cause: unknown) =>
      log.error({ err: cause }, 'cleanup after a failed start failed'),
    );
    throw error;
  }
}
