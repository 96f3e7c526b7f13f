import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Needs: one item line a household needs by a deadline. A cycle's needs are unique per
 * enrolment, cycle and template line, so generating a cycle twice creates nothing new.
 */
export const createNeeds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('needs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull().references('households.id'))
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('program_id', 'uuid', (c) => c.references('programs.id'))
      .addColumn('enrolment_id', 'uuid', (c) => c.references('enrolments.id'))
      .addColumn('cycle_key', 'text')
      .addColumn('line_index', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('alert_id', 'uuid')
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('weight_kg', 'double precision')
      .addColumn('storage_class', 'text')
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('cancelled_reason', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addCheckConstraint('needs_quantity_positive', sql`quantity > 0`)
      .execute();
    await sql`create unique index needs_cycle_key on needs (enrolment_id, cycle_key, line_index) where cycle_key is not null`.execute(
      db,
    );
    await db.schema
      .createIndex('needs_district_status_idx')
      .on('needs')
      .columns(['district_code', 'status', 'deadline'])
      .execute();
    await db.schema.createIndex('needs_household_idx').on('needs').column('household_id').execute();
  },
};
