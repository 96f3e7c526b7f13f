import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { DispatchDatabase } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;

/**
 * Notes that `orderId` carries the allocation and returns the units released of it so far, if
 * any `allocation.released` was handled first. The upsert locks the allocation's row until the
 * transaction ends, so a concurrent release waits for the order and then finds it.
 */
export async function markOrdered(
  db: Db,
  mark: { allocationId: string; orderId: string; at: Date },
): Promise<number | undefined> {
  const row = await db
    .insertInto('allocation_marks')
    .values({ allocation_id: mark.allocationId, order_id: mark.orderId, updated_at: mark.at })
    .onConflict((oc) =>
      oc.column('allocation_id').doUpdateSet({ order_id: mark.orderId, updated_at: mark.at }),
    )
    .returning('released_quantity')
    .executeTakeFirstOrThrow();
  return row.released_quantity ?? undefined;
}

/**
 * Notes that units of the allocation were released (locking its row as {@link markOrdered}
 * does), so an order that arrives later arrives without them.
 */
export async function markReleased(
  db: Db,
  mark: { allocationId: string; quantity: number; at: Date },
): Promise<void> {
  await db
    .insertInto('allocation_marks')
    .values({
      allocation_id: mark.allocationId,
      released_quantity: mark.quantity,
      updated_at: mark.at,
    })
    .onConflict((oc) =>
      oc.column('allocation_id').doUpdateSet({
        // Partial releases add up (each event once, through the inbox).
        released_quantity: sql<number>`coalesce(allocation_marks.released_quantity, 0) + ${mark.quantity}`,
        updated_at: mark.at,
      }),
    )
    .execute();
}
