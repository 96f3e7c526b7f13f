import type { Transaction } from 'kysely';

import type { EventOf } from '@anbu/contracts';
import type { allocationRefused } from '@anbu/contracts/events';

import type { MatchingDatabase } from './schema.js';
import { refusalExplanation } from '../domain/refusal.js';
import { releaseAllocations, withNote } from './release.js';

/**
 * Applies donations' refusal of an allocation (its lot could not hold the units): a live
 * allocation is released with the refusal among its reasons (`allocation.released`, reason
 * `lot_unavailable`: dispatch cancels or shrinks its open order, the need counts the units as
 * missing and the next run may serve it); one released meanwhile (need cancelled, lot expired)
 * only gets the reason. Says which: `released`, `settled` or `unknown`.
 */
export async function refuseAllocation(
  trx: Transaction<MatchingDatabase>,
  event: EventOf<typeof allocationRefused>,
): Promise<'released' | 'settled' | 'unknown'> {
  const note = refusalExplanation(event.data);
  const { allocationId } = event.data;
  const released = await releaseAllocations(trx, {
    allocationId,
    reason: 'lot_unavailable',
    note,
  });
  if (released > 0) return 'released';
  const row = await trx
    .selectFrom('allocations')
    .select('reasons')
    .where('id', '=', allocationId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return 'unknown';
  await trx
    .updateTable('allocations')
    .set({ reasons: JSON.stringify(withNote(row.reasons, note)) })
    .where('id', '=', allocationId)
    .execute();
  return 'settled';
}
