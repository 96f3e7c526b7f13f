import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * What a run left unmet, kept with the run so that a retried `allocation.run` (same caller and
 * `Idempotency-Key`, hence the same run id) answers what the first call answered.
 */
export const runResults: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('allocation_runs').addColumn('unmet', 'jsonb').execute();
  },
};
