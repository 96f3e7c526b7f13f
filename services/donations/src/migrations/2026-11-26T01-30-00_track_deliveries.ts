import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * What donations needs to count delivered units: each lot allocation with the order carrying it
 * (from `delivery.ordered`), and each order dispatch reported delivered (`stop.updated`). A row
 * per allocation and per order also serialises the events that touch it, in whatever order
 * they are handled.
 */
export const trackDeliveries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('lot_allocations')
      .addColumn('allocation_id', 'uuid', (c) => c.primaryKey())
      .addColumn('lot_id', 'uuid', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
      .addColumn('order_id', 'uuid')
      // ordered | delivered | released
      .addColumn('status', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('lot_allocations_order_idx')
      .on('lot_allocations')
      .column('order_id')
      .execute();
    await db.schema
      .createTable('delivery_orders')
      .addColumn('order_id', 'uuid', (c) => c.primaryKey())
      .addColumn('delivered_at', 'timestamptz')
      .execute();
  },
};
