import type { ColumnType, Generated } from 'kysely';

/** Row of `<schema>.outbox`: an event committed with a state change, waiting to be published. */
export interface OutboxTable {
  id: string;
  seq: Generated<string>;
  subject: string;
  envelope: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
  published_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

/** Row of `<schema>.inbox`: an event a consumer has applied. */
export interface InboxTable {
  consumer: string;
  event_id: string;
  processed_at: Generated<Date>;
}

/** The tables the outbox and inbox helpers use, inside a service schema. */
export interface OutboxDatabase {
  outbox: OutboxTable;
  inbox: InboxTable;
}
