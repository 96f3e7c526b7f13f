import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';

import type { EventDefinition } from '@anbu/contracts';

import { enqueue } from './enqueue.js';

/**
 * Writes an event of `definition` into the outbox, in the caller's transaction: it is published
 * if and only if the state change commits.
 * @example
 * await emit(trx, householdUpdated, { householdId, districtCode, version: 1, changedFields: [] });
 */
export async function emit<DB, D extends EventDefinition>(
  trx: Transaction<DB>,
  definition: D,
  data: z.input<D['data']>,
): Promise<string> {
  const id = randomUUID();
  await enqueue(trx, definition.subject, {
    id,
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    data: definition.data.parse(data),
  });
  return id;
}
