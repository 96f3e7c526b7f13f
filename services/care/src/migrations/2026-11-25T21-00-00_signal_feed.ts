import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Which feed sent each signal (`api_key:<id>` for a partner feed), for tracing a noisy feed. */
export const signalFeed: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('signals').addColumn('sent_by', 'text').execute();
  },
};
