import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Depots, donations with their status history, and stock lots. A lot keeps the conservation
 * invariant in the database too: every unit received is available, allocated, delivered or
 * written off.
 */
export const createDonations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('depots')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('organisation_id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lng', 'double precision', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('storage_classes', sql`text[]`, (c) => c.notNull())
      .addColumn('capacity_boxes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .execute();

    await db.schema
      .createTable('donations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('organisation_id', 'uuid', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('items', 'jsonb', (c) => c.notNull())
      .addColumn('pickup', 'jsonb', (c) => c.notNull())
      .addColumn('restrictions', 'jsonb', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('pickup_slot_id', 'uuid')
      .addColumn('depot_id', 'uuid', (c) => c.references('depots.id'))
      .addColumn('rejected_reason', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('donations_org_created_idx')
      .on('donations')
      .columns(['organisation_id', 'id'])
      .execute();

    await db.schema
      .createTable('donation_history')
      .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
      .addColumn('donation_id', 'uuid', (c) => c.notNull().references('donations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('by_kind', 'text', (c) => c.notNull())
      .addColumn('by_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .execute();
    await db.schema
      .createIndex('donation_history_donation_idx')
      .on('donation_history')
      .columns(['donation_id', 'seq'])
      .execute();

    await db.schema
      .createTable('lots')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('depot_id', 'uuid', (c) => c.notNull().references('depots.id'))
      .addColumn('donation_id', 'uuid', (c) => c.references('donations.id'))
      .addColumn('organisation_id', 'uuid')
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('storage_class', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('restrictions', 'jsonb', (c) => c.notNull())
      .addColumn('quantity_received', 'integer', (c) => c.notNull())
      .addColumn('quantity_available', 'integer', (c) => c.notNull())
      .addColumn('quantity_allocated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('quantity_delivered', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('quantity_written_off', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint(
        'lots_conservation',
        sql`quantity_available >= 0 and quantity_allocated >= 0 and quantity_delivered >= 0 and quantity_written_off >= 0 and quantity_available + quantity_allocated + quantity_delivered + quantity_written_off = quantity_received`,
      )
      .execute();
    await db.schema
      .createIndex('lots_depot_idx')
      .on('lots')
      .columns(['depot_id', 'status'])
      .execute();
  },
};
