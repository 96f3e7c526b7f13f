import type { Transaction } from 'kysely';

import type { Envelope } from '@anbu/contracts';

import type { OutboxDatabase } from './tables.js';
import { InvalidEventError } from '../errors.js';
import { checkOutgoing } from '../internal/dispatch-event.js';

/**
 * Writes an event into the outbox inside the caller's transaction, so that it is published if
 * and only if the state change commits. The relay publishes it with `Nats-Msg-Id` = `envelope.id`.
 * @example
 * await transaction(db, async (trx) => {
 *   await insertNeed(trx, need);
 *   await enqueue(trx, needCreated.subject, envelope);
 * });
 */
export async function enqueue<DB>(
  trx: Transaction<DB>,
  subject: string,
  envelope: Envelope,
): Promise<void> {
  const issues = checkOutgoing(subject, envelope);
  if (issues.length > 0) throw new InvalidEventError(subject, issues);
  // The service's table types do not list the outbox; its columns are ours to know.
  const outbox = trx as unknown as Transaction<OutboxDatabase>;
  await outbox
    .insertInto('outbox')
    .values({
      id: envelope.id,
      subject,
      envelope: JSON.stringify(envelope),
      published_at: null,
      last_error: null,
    })
    .execute();
}
