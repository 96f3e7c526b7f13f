import type { Transaction } from 'kysely';

import type { AllocationReason, AllocationSource } from '@anbu/contracts';
import { emit } from '@anbu/bus/outbox';
import { allocationReasonSchema, allocationSourceSchema } from '@anbu/contracts';
import { allocationReleased } from '@anbu/contracts/events';

import type { MatchingDatabase } from './schema.js';
import { releaseFromLot } from '../domain/lot-view.js';

type Trx = Transaction<MatchingDatabase>;

/** Why allocations are given back (the `allocation.released` reasons). */
export type ReleaseReason =
  'need_cancelled' | 'delivery_failed' | 'lot_expired' | 'by_dispatcher' | 'lot_unavailable';

/** An allocation's stored reasons with `note` added (within the 20 an allocation shows). */
export function withNote(stored: unknown, note: AllocationReason): AllocationReason[] {
  const reasons = allocationReasonSchema.array().parse(stored);
  if (reasons.some((r) => r.code === note.code && r.message === note.message)) return reasons;
  return [...reasons.slice(0, 19), note];
}

/**
 * Gives `quantity` allocated units back to the matcher's view of a lot: they pay its shortfall
 * first ({@link releaseFromLot}), the rest is offered again.
 */
async function giveBackToLot(trx: Trx, options: { lotId: string; quantity: number }) {
  const lot = await trx
    .selectFrom('stock_lots')
    .select(['quantity', 'allocated', 'units_short'])
    .where('lot_id', '=', options.lotId)
    .forUpdate()
    .executeTakeFirst();
  if (!lot) return;
  const after = releaseFromLot(
    { quantity: lot.quantity, allocated: lot.allocated, unitsShort: lot.units_short },
    options.quantity,
  );
  await trx
    .updateTable('stock_lots')
    .set({ quantity: after.quantity, allocated: after.allocated, units_short: after.unitsShort })
    .where('lot_id', '=', options.lotId)
    .execute();
}

/**
 * Gives back the live allocations (made or ordered, not delivered) of a need, of a lot or one
 * allocation: each becomes `released` (with `note` added to its reasons, if given), its units
 * return to the lot (paying its shortfall first) or kitchen day and the need counts them as
 * missing again, and `allocation.released` is enqueued. Rows are locked in the order runs lock
 * them (lots, kitchen days, needs), so a release and a run queue rather than deadlock.
 * Returns how many allocations were released.
 */
export async function releaseAllocations(
  trx: Trx,
  options: {
    needId?: string;
    lotId?: string;
    allocationId?: string;
    reason: ReleaseReason;
    note?: AllocationReason;
  },
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
      'reasons',
    ])
    .where('status', 'in', ['made', 'ordered'])
    .orderBy('id');
  if (options.needId) query = query.where('need_id', '=', options.needId);
  if (options.lotId) query = query.where('lot_id', '=', options.lotId);
  if (options.allocationId) query = query.where('id', '=', options.allocationId);
  const rows = await query.forUpdate().execute();
  const byLot = [...rows].sort((a, b) => (a.lot_id ?? '').localeCompare(b.lot_id ?? ''));
  for (const row of byLot) {
    if (row.lot_id) {
      await giveBackToLot(trx, { lotId: row.lot_id, quantity: row.quantity });
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
    const reasons = options.note ? JSON.stringify(withNote(row.reasons, options.note)) : undefined;
    await trx
      .updateTable('allocations')
      .set({ status: 'released', ...(reasons ? { reasons } : {}) })
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
