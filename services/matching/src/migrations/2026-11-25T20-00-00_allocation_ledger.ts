import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * The ledger that makes over-allocation impossible, whatever the runs do at once: each lot, need
 * and kitchen day carries what is allocated of it under a CHECK (`0 ≤ allocated ≤ quantity`), and
 * a run adds to those counters in the transaction that stores its allocations, so a run that
 * raced another fails its CHECK and rolls back instead of promising the same units twice.
 * Also: the day a need was filed (waiting time), the latest explanation of each unmet need, and
 * kitchens' cooking capacity.
 */
export const allocationLedger: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('stock_lots')
      .addColumn('allocated', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('stock_lots')
      .addCheckConstraint(
        'stock_lots_allocated_within_quantity',
        sql`allocated >= 0 and allocated <= quantity`,
      )
      .execute();
    await db.schema
      .alterTable('open_needs')
      .addColumn('allocated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('filed_on', 'text')
      .execute();
    await db.schema
      .alterTable('open_needs')
      .addCheckConstraint(
        'open_needs_allocated_within_quantity',
        sql`allocated >= 0 and allocated <= quantity`,
      )
      .execute();
    await db.schema
      .alterTable('allocations')
      .addColumn('kitchen_organisation_id', 'uuid')
      .addColumn('kitchen_date', 'text')
      .execute();

    await db.schema
      .createTable('kitchen_capacity')
      .addColumn('kitchen_organisation_id', 'uuid', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('depot_id', 'uuid', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('storage_class', 'text', (c) => c.notNull())
      .addColumn('boxes', 'integer', (c) => c.notNull())
      .addColumn('allocated', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('kitchen_capacity_pk', ['kitchen_organisation_id', 'date'])
      .addCheckConstraint(
        'kitchen_capacity_allocated_within_boxes',
        sql`allocated >= 0 and allocated <= boxes`,
      )
      .execute();

    await db.schema
      .createTable('unmet_needs')
      .addColumn('need_id', 'uuid', (c) => c.primaryKey())
      .addColumn('run_id', 'uuid', (c) => c.notNull().references('allocation_runs.id'))
      .addColumn('quantity_missing', 'integer', (c) => c.notNull())
      .addColumn('reasons', 'jsonb', (c) => c.notNull())
      .execute();
  },
};
