import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * Welfare checks: observations, the contact history (stop outcomes and visits), check-in
 * signals and their retry episodes, the escalation and visit-request timers of alerts (stored
 * deadlines, so they survive restarts), and the notification outbox.
 */
export const welfareChecks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('observations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('severity', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('visit_report_id', 'uuid')
      .addColumn('signal_id', 'uuid')
      .addColumn('stop_id', 'uuid')
      .addColumn('observed_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('observations_household_idx')
      .on('observations')
      .columns(['household_id', 'observed_at'])
      .execute();

    // One row per stop (a stop update and a visit report of the same stop are one contact).
    await db.schema
      .createTable('contacts')
      .addColumn('stop_id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('carrier_id', 'uuid', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('contacts_household_idx')
      .on('contacts')
      .columns(['household_id', 'at'])
      .execute();

    await db.schema
      .createTable('signals')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('observed_at', 'timestamptz', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('note', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('alert_id', 'uuid')
      .addColumn('episode_id', 'uuid')
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('signals_household_idx')
      .on('signals')
      .columns(['household_id', 'observed_at'])
      .execute();

    // An open episode: a run of misses from one source, waiting for an `ok` until `alert_at`.
    await db.schema
      .createTable('signal_episodes')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('household_id', 'uuid', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('misses', 'integer', (c) => c.notNull())
      .addColumn('first_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_at', 'timestamptz', (c) => c.notNull())
      .addColumn('alert_at', 'timestamptz', (c) => c.notNull())
      .addColumn('alert_id', 'uuid')
      .execute();
    await sql`create unique index signal_episodes_open_idx on signal_episodes (household_id, source) where state = 'open'`.execute(
      db,
    );
    await sql`create index signal_episodes_due_idx on signal_episodes (alert_at) where state = 'open'`.execute(
      db,
    );

    await db.schema
      .alterTable('alerts')
      .addColumn('origin', 'text', (c) => c.notNull().defaultTo('visit'))
      // Signal alerts: when care asks for a carrier's visit unless cleared by phone first.
      .addColumn('visit_due_at', 'timestamptz')
      .addColumn('visit_request_id', 'uuid')
      .execute();
    await sql`create index alerts_escalation_due_idx on alerts (ack_deadline) where status in ('raised', 'escalated')`.execute(
      db,
    );
    await sql`create index alerts_visit_due_idx on alerts (visit_due_at) where visit_due_at is not null and visit_request_id is null and status <> 'resolved'`.execute(
      db,
    );

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient_user_id', 'uuid')
      .addColumn('recipient_role', 'text')
      .addColumn('district_code', 'text')
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'uuid')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('next_attempt_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('sent_at', 'timestamptz')
      .execute();
    await sql`create index notifications_due_idx on notifications (next_attempt_at) where status = 'pending'`.execute(
      db,
    );
    await db.schema
      .createIndex('notifications_audience_idx')
      .on('notifications')
      .columns(['recipient_role', 'district_code', 'created_at'])
      .execute();
  },
};
