import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Shifts name the district they serve (district runs plan only their districts' shifts), and a
 * run is stored queued before its problem is gathered: `input` stays empty until the runner that
 * claims the run has gathered it, and a re-plan keeps the plan it starts from.
 */
export const districtShifts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('shifts').addColumn('district_code', 'text').execute();
    await db.schema
      .createIndex('shifts_date_district_idx')
      .on('shifts')
      .columns(['date', 'district_code'])
      .execute();
    await db.schema
      .alterTable('planning_runs')
      .alterColumn('input', (c) => c.dropNotNull())
      .execute();
    await db.schema.alterTable('planning_runs').addColumn('base_plan_id', 'uuid').execute();
  },
};
