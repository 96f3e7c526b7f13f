import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One row per allocation dispatch has heard of, from `delivery.ordered` or `allocation.released`,
 * whichever comes first: the row serialises the two handlers of an allocation, and a release
 * handled before its order arrived is remembered, so the order arrives without those units.
 */
export const allocationMarks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('allocation_marks')
      .addColumn('allocation_id', 'uuid', (c) => c.primaryKey())
      .addColumn('order_id', 'uuid')
      .addColumn('released_quantity', 'integer')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },
};
