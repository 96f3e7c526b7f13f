import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Whether an allocation's units are held by its lot (`allocation.made` applied). The events of
 * one allocation may be handled in any order (`allocation.released` or a delivered order before
 * `allocation.made`): the row remembers what was seen, so that a release never gives back units
 * that were not taken and a late `allocation.made` neither revives a released allocation nor
 * leaves delivered units allocated. Rows written before this column held their units.
 */
export const allocationUnitsHeld: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('lot_allocations')
      .addColumn('units_held', 'boolean', (c) => c.notNull().defaultTo(true))
      .execute();
  },
};
