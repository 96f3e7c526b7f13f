import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Needs known to be cancelled, whether or not their `need.created` has arrived yet. Events are
 * handled concurrently and redelivered, so a cancellation can come first; the need then enters
 * the matcher's view already cancelled instead of open for ever (the supply model test found a
 * cancelled need allocated).
 */
export const cancelledNeeds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cancelled_needs')
      .addColumn('need_id', 'uuid', (c) => c.primaryKey())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .execute();
  },
};
