import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';

import type { EventOf } from '@anbu/contracts';
import type { needCancelled, needCreated } from '@anbu/contracts/events';
import { emit } from '@anbu/bus/outbox';
import { seoulDate } from '@anbu/contracts';
import { deliveryOrdered, deliveryWithdrawn } from '@anbu/contracts/events';

import type { MatchingDatabase } from './schema.js';
import { VISIT_ORDERED, visitOrder } from '../domain/visit-order.js';
import { lockNeed } from './supply.js';

type Trx = Transaction<MatchingDatabase>;

/**
 * The id of the visit order of a need: derived from the need id (a name-based UUID), so that
 * the order can be named again (withdrawn) without storing it, and a need has one order at most.
 */
export function visitOrderId(needId: string): string {
  const hex = createHash('sha256').update(`anbu:visit-order:${needId}`).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so that the id is a valid UUID.
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Takes a visit need (`welfare_visit`) into the matcher's view as already ordered and enqueues
 * its `delivery.ordered` (kind `visit`) in the caller's transaction. Once per need: a need the
 * view already holds (a re-sent `need.created` under a new event id) orders nothing again, and
 * a need whose cancellation came first enters the view cancelled, unordered.
 * Returns the order id when it ordered.
 */
export async function orderVisit(
  trx: Trx,
  event: EventOf<typeof needCreated>,
): Promise<string | undefined> {
  const need = event.data;
  // Serialised with the need's cancellation, which may have been handled first (a tombstone).
  await lockNeed(trx, need.needId);
  const cancelled = await trx
    .selectFrom('cancelled_needs')
    .select('need_id')
    .where('need_id', '=', need.needId)
    .executeTakeFirst();
  const inserted = await trx
    .insertInto('open_needs')
    .values({
      need_id: need.needId,
      household_id: need.householdId,
      district_code: need.districtCode,
      category: need.category,
      quantity: need.quantity,
      unit: need.unit,
      storage_class: need.storageClass ?? null,
      deadline: need.deadline,
      priority: need.priority,
      // Not `open`: allocation runs only read open needs, and a visit needs no stock.
      status: cancelled ? 'cancelled' : VISIT_ORDERED,
      event_id: event.id,
      filed_on: seoulDate(new Date(event.occurredAt)),
    })
    .onConflict((oc) => oc.column('need_id').doNothing())
    .returning('need_id')
    .executeTakeFirst();
  if (!inserted || cancelled) return undefined;
  const orderId = visitOrderId(need.needId);
  await emit(trx, deliveryOrdered, visitOrder(need, { orderId }));
  return orderId;
}

/**
 * Withdraws the visit order of a cancelled visit need (`delivery.withdrawn`, in the caller's
 * transaction) and marks the need cancelled. Returns the order id, or undefined when the need
 * is not an ordered visit (already withdrawn, or a stock need).
 */
export async function withdrawVisit(
  trx: Trx,
  event: EventOf<typeof needCancelled>,
): Promise<string | undefined> {
  await lockNeed(trx, event.data.needId);
  const withdrawn = await trx
    .updateTable('open_needs')
    .set({ status: 'cancelled' })
    .where('need_id', '=', event.data.needId)
    .where('status', '=', VISIT_ORDERED)
    .returning('need_id')
    .executeTakeFirst();
  if (!withdrawn) return undefined;
  const orderId = visitOrderId(event.data.needId);
  await emit(trx, deliveryWithdrawn, {
    orderId,
    needIds: [event.data.needId],
    reason: 'need_cancelled',
  });
  return orderId;
}
