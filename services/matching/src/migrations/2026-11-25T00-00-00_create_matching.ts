import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Allocation runs and allocations, plus the matcher's own view of supply and demand: open needs
 * (from `households.need.*`) and stock lots (from `donations.lot.*`), kept by idempotent
 * consumers so that a run reads one schema.
 */
export const createMatching: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('allocation_runs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
      .addColumn('needs_considered', 'integer', (c) => c.notNull())
      .addColumn('lots_considered', 'integer', (c) => c.notNull())
      .addColumn('allocations', 'integer', (c) => c.notNull())
      .addColumn('units_allocated', 'integer', (c) => c.notNull())
      .addColumn('fill_rate', 'double precision', (c) => c.notNull())
      .addColumn('fairness_spread', 'double precision', (c) => c.notNull())
      .addColumn('units_expiring_unallocated', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('allocations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('run_id', 'uuid', (c) => c.notNull().references('allocation_runs.id'))
      .addColumn('need_id', 'uuid', (c) => c.notNull())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('source', 'jsonb', (c) => c.notNull())
      .addColumn('lot_id', 'uuid')
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reasons', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('allocations_quantity_positive', sql`quantity > 0`)
      .execute();
    await db.schema
      .createIndex('allocations_need_idx')
      .on('allocations')
      .column('need_id')
      .execute();
    await db.schema.createIndex('allocations_lot_idx').on('allocations').column('lot_id').execute();

    await db.schema
      .createTable('open_needs')
      .addColumn('need_id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('storage_class', 'text')
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('stock_lots')
      .addColumn('lot_id', 'uuid', (c) => c.primaryKey())
      .addColumn('depot_id', 'uuid', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('storage_class', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('restrictions', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .execute();
  },
};
