import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Why donations refused an allocation whose lot could not hold its units (`allocation.refused`):
 * the row's status becomes `refused` (unless its order was delivered first) and remembers the
 * reason, so that the refusal is told once and a later release gives nothing back.
 */
export const allocationRefusals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('lot_allocations').addColumn('refused_reason', 'text').execute();
  },
};
