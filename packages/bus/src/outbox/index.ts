export { outboxMigration, outboxMigrations, OUTBOX_MIGRATION_NAME } from './outbox-migration.js';
export { enqueue } from './enqueue.js';
export { emit } from './emit.js';
export {
  createOutboxRelay,
  DEFAULT_OUTBOX_POLL_MS,
  DEFAULT_OUTBOX_BATCH_SIZE,
  MAX_OUTBOX_BACKOFF_MS,
} from './outbox-relay.js';
export type {
  OutboxRelay,
  OutboxRelayOptions,
  RelayResult,
  RelayTickReport,
} from './outbox-relay.js';
export { withInbox } from './with-inbox.js';
export type { InboxOutcome } from './with-inbox.js';
export type { OutboxDatabase, OutboxTable, InboxTable } from './tables.js';
