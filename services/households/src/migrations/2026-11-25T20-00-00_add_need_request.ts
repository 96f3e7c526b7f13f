import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * The care request a follow-up need takes up: one need per request, whatever the number of
 * times the request is delivered (a re-sent event carries a new event id but the same request).
 */
export const addNeedRequest: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('needs').addColumn('request_id', 'uuid').execute();
    await sql`create unique index needs_request_key on needs (request_id) where request_id is not null`.execute(
      db,
    );
  },
};
