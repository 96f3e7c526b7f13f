import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';

import type { OutboxDatabase } from '@anbu/bus/outbox';
import type { EventDefinition } from '@anbu/contracts';

/** Outbox rows per multi-row insert. */
const OUTBOX_BATCH = 500;

/**
 * Like `emit` of `@anbu/bus/outbox`, for many events of one kind: each payload is parsed with
 * the definition's schema and written into the outbox in batched inserts, in the caller's
 * transaction (a large run enqueues thousands of events; one insert each took seconds).
 */
export async function emitMany<DB, D extends EventDefinition>(
  trx: Transaction<DB>,
  definition: D,
  payloads: readonly z.input<D['data']>[],
): Promise<void> {
  // The service's table types do not list the outbox; its columns are the bus's.
  const outbox = trx as unknown as Transaction<OutboxDatabase>;
  const occurredAt = new Date().toISOString();
  const rows = payloads.map((payload) => {
    const id = randomUUID();
    // The whole envelope is checked, as `enqueue` checks every outgoing event.
    const envelope = definition.envelope.parse({
      id,
      type: definition.type,
      version: definition.version,
      occurredAt,
      data: payload,
    });
    return {
      id,
      subject: definition.subject,
      envelope: JSON.stringify(envelope),
      published_at: null,
      last_error: null,
    };
  });
  for (let i = 0; i < rows.length; i += OUTBOX_BATCH) {
    await outbox
      .insertInto('outbox')
      .values(rows.slice(i, i + OUTBOX_BATCH))
      .execute();
  }
}
