import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/** Organisations, districts (읍면동) and the memberships that link users to them. */
export const createDirectory: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('organisations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('district_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('contact_email', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('districts')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_ko', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('welfare_office_id', 'uuid', (c) => c.references('organisations.id'))
      .addColumn('centre_lat', 'double precision')
      .addColumn('centre_lng', 'double precision')
      .execute();

    await db.schema
      .createTable('memberships')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisations.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('district_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('carrier_id', 'uuid')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('memberships_user_org_role_key', ['user_id', 'organisation_id', 'role'])
      .execute();
    await db.schema
      .createIndex('memberships_user_idx')
      .on('memberships')
      .column('user_id')
      .execute();
  },
};
