import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Welfare alerts, visit reports, and the household → district directory care keeps from
 * `households.household.updated` (alerts are routed to the caseworkers of that district).
 */
export const createCare: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('alerts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      // 4 = critical … 1 = low: "most urgent first" is an index scan.
      .addColumn('severity_rank', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('observation_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
      .addColumn('ack_deadline', 'timestamptz', (c) => c.notNull())
      .addColumn('acknowledged_at', 'timestamptz')
      .addColumn('acknowledged_by', 'uuid')
      .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('escalated_at', 'timestamptz')
      .addColumn('resolved_at', 'timestamptz')
      .addColumn('resolved_by', 'uuid')
      .addColumn('resolution', 'text')
      .addColumn('resolution_note', 'text')
      .addColumn('follow_up_request_id', 'uuid')
      .execute();
    await db.schema
      .createIndex('alerts_queue_idx')
      .on('alerts')
      .columns(['district_code', 'status', 'severity_rank', 'raised_at'])
      .execute();

    await db.schema
      .createTable('visit_reports')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('stop_id', 'uuid', (c) => c.notNull().unique())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('carrier_id', 'uuid', (c) => c.notNull())
      .addColumn('visited_at', 'timestamptz', (c) => c.notNull())
      .addColumn('checklist', 'jsonb', (c) => c.notNull())
      .addColumn('meal_feedback', 'jsonb')
      // Sensitive free text: shown to the district's caseworkers only.
      .addColumn('note', 'text')
      .addColumn('position_lat', 'double precision')
      .addColumn('position_lng', 'double precision')
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createIndex('visit_reports_household_idx')
      .on('visit_reports')
      .columns(['household_id', 'visited_at'])
      .execute();

    await db.schema
      .createTable('household_districts')
      .addColumn('household_id', 'uuid', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
  },
};
