import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Units a write-off could not take out of the matcher's view of a lot because allocations there
 * still held them (the view never falls below what it allocated). Donations may then refuse
 * such an allocation (`allocation.refused`); when an allocation of the lot is released, its
 * units pay this shortfall first instead of being offered again, so that the next run does not
 * allocate units that no longer exist.
 */
export const allocationRefusals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('stock_lots')
      .addColumn('units_short', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`units_short >= 0`),
      )
      .execute();
  },
};
