import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Households, consents, programs and enrolments. A household's personal data (name, address,
 * location, contact, notes) lives only in `sensitive`, AES-256-GCM ciphertext; the plain
 * columns are what lists, filters and reports may use.
 */
export const createHouseholds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('households')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('risk_level', 'text', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull())
      .addColumn('dietary_tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('allergens', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('preferred_from', 'text')
      .addColumn('preferred_to', 'text')
      .addColumn('caseworker_id', 'uuid')
      .addColumn('sensitive', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('households_district_idx')
      .on('households')
      .columns(['district_code', 'id'])
      .execute();

    await db.schema
      .createTable('consents')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull().references('households.id'))
      .addColumn('scopes', sql`text[]`, (c) => c.notNull())
      .addColumn('given_on', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('recorded_by', 'uuid', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('withdrawn_at', 'timestamptz')
      .addColumn('withdrawn_by', 'uuid')
      .execute();
    await db.schema
      .createIndex('consents_household_idx')
      .on('consents')
      .column('household_id')
      .execute();

    await db.schema
      .createTable('programs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('cadence', 'jsonb', (c) => c.notNull())
      .addColumn('item_template', 'jsonb', (c) => c.notNull())
      .addColumn('storage_class', 'text', (c) => c.notNull())
      .addColumn('rounds', 'integer')
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text')
      .addColumn('district_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('supplier_organisation_id', 'uuid')
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('enrolments')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull().references('households.id'))
      .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
      .addColumn('consent_id', 'uuid', (c) => c.notNull().references('consents.id'))
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('ended_reason', 'text')
      .addColumn('note', 'text')
      .addColumn('enrolled_by', 'uuid', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    // One live enrolment per household and program; ended ones stay as history.
    await sql`create unique index enrolments_live_key on enrolments (household_id, program_id) where status <> 'ended'`.execute(
      db,
    );
    await db.schema
      .createIndex('enrolments_program_idx')
      .on('enrolments')
      .column('program_id')
      .execute();
  },
};
