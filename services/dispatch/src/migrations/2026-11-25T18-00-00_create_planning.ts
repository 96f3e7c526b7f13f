import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/** Delivery orders (the pool), planning runs with their lease, and the plans they produce. */
export const createPlanning: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('delivery_orders')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('household_id', 'uuid')
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('deliver_by', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      // The rest of the order (items, needs, allocations, window) as the contract shapes it.
      .addColumn('details', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('delivery_orders_pool_idx')
      .on('delivery_orders')
      .columns(['status', 'district_code'])
      .execute();

    await db.schema
      .createTable('planning_runs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('district_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('time_limit_seconds', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'jsonb', (c) => c.notNull())
      .addColumn('notes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      // The routing problem and how its indices map back to orders and carriers, built once
      // when the run is started so that any replica can run (or re-run) it without RPCs.
      .addColumn('input', 'jsonb', (c) => c.notNull())
      .addColumn('plan_id', 'uuid')
      .addColumn('error', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'timestamptz')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('planning_runs_claim_idx')
      .on('planning_runs')
      .columns(['status', 'created_at'])
      .execute();

    await db.schema
      .createTable('plans')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('run_id', 'uuid', (c) => c.notNull().unique().references('planning_runs.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('routes', 'jsonb', (c) => c.notNull())
      .addColumn('unassigned', 'jsonb', (c) => c.notNull())
      .addColumn('total_distance_meters', 'bigint', (c) => c.notNull())
      .addColumn('total_duration_seconds', 'bigint', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('published_at', 'timestamptz')
      .addColumn('published_by', 'uuid')
      .execute();
  },
};
