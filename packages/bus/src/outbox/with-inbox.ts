import type { Kysely, Transaction } from 'kysely';

import { transaction } from '@anbu/db';

import type { OutboxDatabase } from './tables.js';

/** Whether {@link withInbox} ran the effect or found the event already applied. */
export type InboxOutcome = 'applied' | 'duplicate';

/**
 * Runs an event's effect at most once per consumer: records `(consumer, eventId)` in the inbox
 * and runs `effect` in the same transaction; a redelivered event finds its row and is skipped.
 * If `effect` throws, neither the effect nor the inbox row is kept (the event will be retried).
 * Like any transaction, `effect` must not wait on an RPC (see `transaction` in `@anbu/db`).
 * @example
 * on(needCreated, async (event) => {
 *   await withInbox(db, { consumer: 'matching_needs', eventId: event.id }, (trx) => addNeed(trx, event.data));
 * });
 */
export async function withInbox<DB>(
  db: Kysely<DB>,
  key: { readonly consumer: string; readonly eventId: string },
  effect: (trx: Transaction<DB>) => Promise<void>,
): Promise<InboxOutcome> {
  return transaction(db, async (trx) => {
    const inbox = trx as unknown as Transaction<OutboxDatabase>;
    // A concurrent delivery of the same event blocks on this insert until the first commits,
    // then finds the conflict: the effect never runs twice.
    const inserted = await inbox
      .insertInto('inbox')
      .values({ consumer: key.consumer, event_id: key.eventId })
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!inserted) return 'duplicate';
    await effect(trx);
    return 'applied';
  });
}
