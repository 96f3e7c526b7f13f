import type { Transaction } from 'kysely';

import type { AllocationSource } from '@anbu/contracts';
import { emit } from '@anbu/bus/outbox';
import { allocationSourceSchema } from '@anbu/contracts';
import { allocationReleased } from '@anbu/contracts/events';

import type { MatchingDatabase } from './schema.js';

type Trx = Transaction<MatchingDatabase>;

/** Why allocations are given back (the `allocation.released` reasons). */
export type ReleaseReason = 'need_cancelled' | 'delivery_failed' | 'lot_expired' | 'by_dispatcher';

/**
 * Gives back the live allocations (made or ordered, not delivered) of a need or of a lot: each
 * becomes `released`, its units return to the lot or kitchen day and the need counts them as
 * missing again, and `allocation.released` is enqueued. Rows are locked in the order runs lock
 * them (lots, kitchen days, needs), so a release and a run queue rather than deadlock.
 * Returns how many allocations were released.
 */
export async function releaseAllocations(
  trx: Trx,
  options: { needId?: string; lotId?: string; reason: ReleaseReason },
): Promise<number> {
  let query = trx
    .selectFrom('allocations')
    .select([
      'id',
      'need_id',
      'lot_id',
      'kitchen_organisation_id',
      'kitchen_date',
      'quantity',
      'source',
    ])
    .where('status', 'in', ['made', 'ordered'])
    .orderBy('id');
  if (options.needId) query = query.where('need_id', '=', options.needId);
  if (options.lotId) query = query.where('lot_id', '=', options.lotId);
  const rows = await query.forUpdate().execute();
  const byLot = [...rows].sort((a, b) => (a.lot_id ?? '').localeCompare(b.lot_id ?? ''));
  for (const row of byLot) {
    if (row.lot_id) {
      await trx
        .updateTable('stock_lots')
        .set((eb) => ({ allocated: eb('allocated', '-', row.quantity) }))
        .where('lot_id', '=', row.lot_id)
        .execute();
    } else if (row.kitchen_organisation_id && row.kitchen_date) {
      await trx
        .updateTable('kitchen_capacity')
        .set((eb) => ({ allocated: eb('allocated', '-', row.quantity) }))
        .where('kitchen_organisation_id', '=', row.kitchen_organisation_id)
        .where('date', '=', row.kitchen_date)
        .execute();
    }
  }
  const byNeed = [...rows].sort((a, b) => a.need_id.localeCompare(b.need_id));
  for (const row of byNeed) {
    await trx
      .updateTable('open_needs')
      .set((eb) => ({ allocated: eb('allocated', '-', row.quantity) }))
      .where('need_id', '=', row.need_id)
      .execute();
    await trx
      .updateTable('allocations')
      .set({ status: 'released' })
      .where('id', '=', row.id)
      .execute();
    const source: AllocationSource = allocationSourceSchema.parse(row.source);
    await emit(trx, allocationReleased, {
      allocationId: row.id,
      needId: row.need_id,
      source,
      quantity: row.quantity,
      reason: options.reason,
    });
  }
  return rows.length;
}
