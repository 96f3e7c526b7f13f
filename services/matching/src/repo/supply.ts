import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { EventOf } from '@anbu/contracts';
import type { lotExpired, lotReceived, needCancelled, needCreated } from '@anbu/contracts/events';
import { seoulDate } from '@anbu/contracts';

import type { MatchingDatabase } from './schema.js';
import { releaseAllocations } from './release.js';

type Db = Kysely<MatchingDatabase> | Transaction<MatchingDatabase>;

/**
 * Serialises the handlers of one need's events (created, cancelled) until the transaction ends:
 * run concurrently, neither would see the other's uncommitted row.
 */
export async function lockNeed(db: Db, needId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${needId}, 0))`.execute(db);
}

/**
 * Adds a need to the matcher's view (once: a replayed event changes nothing), already cancelled
 * when its `need.cancelled` was handled first.
 */
export async function addOpenNeed(db: Db, event: EventOf<typeof needCreated>): Promise<void> {
  const need = event.data;
  await lockNeed(db, need.needId);
  const cancelled = await db
    .selectFrom('cancelled_needs')
    .select('need_id')
    .where('need_id', '=', need.needId)
    .executeTakeFirst();
  await db
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
      status: cancelled ? 'cancelled' : 'open',
      event_id: event.id,
      filed_on: seoulDate(new Date(event.occurredAt)),
    })
    .onConflict((oc) => oc.column('need_id').doNothing())
    .execute();
}

/**
 * Marks a need cancelled in the matcher's view and gives back what was allocated to it and not
 * yet delivered (`allocation.released`, reason `need_cancelled`).
 */
export async function cancelOpenNeed(
  trx: Transaction<MatchingDatabase>,
  event: EventOf<typeof needCancelled>,
): Promise<void> {
  // Remembered even if the need is not in the view yet: its late `need.created` must not open it.
  await lockNeed(trx, event.data.needId);
  await trx
    .insertInto('cancelled_needs')
    .values({ need_id: event.data.needId, event_id: event.id })
    .onConflict((oc) => oc.column('need_id').doNothing())
    .execute();
  await releaseAllocations(trx, { needId: event.data.needId, reason: 'need_cancelled' });
  await trx
    .updateTable('open_needs')
    .set({ status: 'cancelled' })
    .where('need_id', '=', event.data.needId)
    .execute();
}

/**
 * Adds a lot to the matcher's view of stock. Its `lot.expired` may have been handled first
 * (then a placeholder row holds `expired`): the lot's details fill it in and it stays expired.
 */
export async function addStockLot(db: Db, event: EventOf<typeof lotReceived>): Promise<void> {
  const lot = event.data;
  await db
    .insertInto('stock_lots')
    .values({
      lot_id: lot.lotId,
      depot_id: lot.depotId,
      category: lot.category,
      unit: lot.unit,
      quantity: lot.quantity,
      storage_class: lot.storageClass,
      expires_on: lot.expiresOn ?? null,
      restrictions: JSON.stringify(lot.restrictions),
      status: 'in_stock',
      event_id: event.id,
    })
    .onConflict((oc) =>
      oc.column('lot_id').doUpdateSet((eb) => ({
        depot_id: eb.ref('excluded.depot_id'),
        category: eb.ref('excluded.category'),
        unit: eb.ref('excluded.unit'),
        quantity: eb.ref('excluded.quantity'),
        storage_class: eb.ref('excluded.storage_class'),
        expires_on: eb.ref('excluded.expires_on'),
        restrictions: eb.ref('excluded.restrictions'),
        event_id: eb.ref('excluded.event_id'),
      })),
    )
    .execute();
}

/**
 * Marks a lot expired in the matcher's view. What was allocated of it and not yet delivered is
 * given back (`allocation.released`, reason `lot_expired`): those needs are open for the next run.
 * Handled before the lot's `lot.received`, it leaves an expired placeholder (no units) that the
 * late `lot.received` fills in without reopening it.
 */
export async function expireStockLot(
  trx: Transaction<MatchingDatabase>,
  event: EventOf<typeof lotExpired>,
): Promise<void> {
  await releaseAllocations(trx, { lotId: event.data.lotId, reason: 'lot_expired' });
  await trx
    .insertInto('stock_lots')
    .values({
      lot_id: event.data.lotId,
      depot_id: event.data.depotId,
      category: 'unknown',
      unit: 'unknown',
      quantity: 0,
      storage_class: 'unknown',
      expires_on: event.data.expiresOn,
      restrictions: JSON.stringify({}),
      status: 'expired',
      event_id: event.id,
    })
    .onConflict((oc) => oc.column('lot_id').doUpdateSet({ status: 'expired' }))
    .execute();
}

/** Counts of the matcher's view: open needs and lots in stock. */
export async function supplyCounts(db: Db): Promise<{ openNeeds: number; lotsInStock: number }> {
  const [needs, lots] = await Promise.all([
    db
      .selectFrom('open_needs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('stock_lots')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'in_stock')
      .executeTakeFirstOrThrow(),
  ]);
  return { openNeeds: Number(needs.n), lotsInStock: Number(lots.n) };
}
