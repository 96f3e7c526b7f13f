import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { DbHandle, Logger, Migrations } from '@anbu/db';
import type { DemoCity } from '@anbu/demo-city';
import type { Gateway } from '@anbu/gateway';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import { importBulk, importDispatchBulk, importDonationsBulk } from '@anbu/contracts/rpc';
import { migrateToLatest } from '@anbu/db';
import { createDemoCity, seedPayloads } from '@anbu/demo-city';

import { buildDemoDay } from './demo-day.js';

/** The schema of the embedded runner's own bookkeeping (the seed marker). */
export const EMBEDDED_SCHEMA = 'embedded';

interface EmbeddedDatabase {
  seed_marker: { seed: string; households: number; seeded_at: Date };
  demo_day_marker: { seed: string; date: string; orders: number; seeded_at: Date };
}

const migrations: Migrations = {
  '2026-11-25T00-00-00_create_seed_marker': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('seed_marker')
        .addColumn('seed', 'text', (c) => c.primaryKey())
        .addColumn('households', 'integer', (c) => c.notNull())
        .addColumn('seeded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
  } satisfies Migration,
  '2026-11-25T20-00-00_create_demo_day_marker': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('demo_day_marker')
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('orders', 'integer', (c) => c.notNull())
        .addColumn('seeded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('demo_day_marker_pk', ['seed', 'date'])
        .execute();
    },
  } satisfies Migration,
};

/** Long enough for a batch of 500 households to be encrypted and stored on a slow disk. */
const IMPORT_TIMEOUT_MS = 120_000;

/** What {@link seedDemoCity} did. */
export interface SeedReport {
  /** False when the marker said the city was there already. */
  readonly seeded: boolean;
  readonly city: DemoCity;
  readonly failed: number;
}

/**
 * Seeds the demo city through the services' own import RPCs and the gateway's user creation,
 * once: a marker row records it, and a second start finds it and leaves the data alone. Every
 * step is idempotent by id, so a start that died half-way simply seeds again.
 */
export async function seedDemoCity(options: {
  handle: DbHandle;
  bus: Bus;
  gateway: Pick<Gateway, 'createUser'>;
  log: Logger;
  seed: string;
}): Promise<SeedReport> {
  const { handle, bus, gateway, log, seed } = options;
  const db = handle.forSchema<EmbeddedDatabase>(EMBEDDED_SCHEMA);
  const { error } = await migrateToLatest({ db, schema: EMBEDDED_SCHEMA, migrations, log });
  if (error) throw error;
  const city = createDemoCity({ seed });
  const marker = await db
    .selectFrom('seed_marker')
    .select('seed')
    .where('seed', '=', seed)
    .executeTakeFirst();
  if (marker) return { seeded: false, city, failed: 0 };

  log.info({ seed, households: city.households.length }, 'seeding the demo city');
  const payloads = seedPayloads(city);
  const call = { actor: SYSTEM_ACTOR, timeoutMs: IMPORT_TIMEOUT_MS };
  await bus.request(importDonationsBulk, payloads.donations, call);
  await bus.request(importDispatchBulk, payloads.dispatch, call);
  let failed = 0;
  for (const batch of payloads.households) {
    const report = await bus.request(importBulk, batch, call);
    failed += report.failed.length;
    for (const item of report.failed.slice(0, 5))
      log.warn({ kind: item.kind, id: item.id }, 'seed item failed');
  }
  for (const user of city.users) {
    await gateway.createUser({
      id: user.id,
      login: user.login,
      displayName: user.displayName,
      password: user.password,
    });
  }
  if (failed === 0) {
    await db
      .insertInto('seed_marker')
      .values({ seed, households: city.households.length, seeded_at: new Date() })
      .execute();
  } else {
    // Without the marker the next start tries again; what landed is kept (imports are idempotent).
    log.error({ failed }, 'demo city seeded with failures; the next start will retry');
  }
  log.info({ seed, failed }, 'demo city seeded');
  return { seeded: true, city, failed };
}

/** What {@link seedDemoDay} did. */
export interface DemoDayReport {
  readonly date: string;
  /** False when the day was there already. */
  readonly seeded: boolean;
  readonly shifts: number;
  readonly orders: number;
}

/**
 * Seeds the demo city's day `date` once (a marker row per seed and day): a shift for every
 * carrier and the day's open delivery orders ({@link buildDemoDay}), through dispatch's import.
 */
export async function seedDemoDay(options: {
  handle: DbHandle;
  bus: Bus;
  city: DemoCity;
  log: Logger;
  date: string;
}): Promise<DemoDayReport> {
  const { handle, bus, city, log, date } = options;
  const db = handle.forSchema<EmbeddedDatabase>(EMBEDDED_SCHEMA);
  const { error } = await migrateToLatest({ db, schema: EMBEDDED_SCHEMA, migrations, log });
  if (error) throw error;
  const marker = await db
    .selectFrom('demo_day_marker')
    .select('orders')
    .where('seed', '=', city.seed)
    .where('date', '=', date)
    .executeTakeFirst();
  const day = buildDemoDay(city, { date, now: new Date().toISOString() });
  if (marker) return { date, seeded: false, shifts: day.shifts.length, orders: marker.orders };
  await bus.request(
    importDispatchBulk,
    { shifts: day.shifts, orders: day.orders },
    { actor: SYSTEM_ACTOR, timeoutMs: IMPORT_TIMEOUT_MS },
  );
  await db
    .insertInto('demo_day_marker')
    .values({ seed: city.seed, date, orders: day.orders.length, seeded_at: new Date() })
    .execute();
  log.info({ date, shifts: day.shifts.length, orders: day.orders.length }, 'demo day seeded');
  return { date, seeded: true, shifts: day.shifts.length, orders: day.orders.length };
}
