import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Creates `outbox` and `inbox` in the schema the migration runs in (the service's). `seq` keeps
 * publish order; the partial index makes "all unsent rows" cheap however large the table grows.
 */
export const outboxMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().notNull().unique())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('envelope', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('published_at', 'timestamptz')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .execute();
    await sql`create index outbox_unsent_idx on outbox (seq) where published_at is null`.execute(
      db,
    );
    await db.schema
      .createTable('inbox')
      .addColumn('consumer', 'text', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('processed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('inbox_pk', ['consumer', 'event_id'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('inbox').execute();
    await db.schema.dropTable('outbox').execute();
  },
};

/** The name {@link outboxMigration} runs under; sorts before every dated service migration. */
export const OUTBOX_MIGRATION_NAME = '0000-00-00T00-00-00_anbu_outbox_inbox';

/** The outbox migration keyed by its name, to spread into a service's migrations. */
export const outboxMigrations: Readonly<Record<string, Migration>> = Object.freeze({
  [OUTBOX_MIGRATION_NAME]: outboxMigration,
});
