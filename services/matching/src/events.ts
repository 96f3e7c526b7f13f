import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { EventOf } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import {
  lotExpired,
  lotReceived,
  lotWrittenOff,
  needCancelled,
  needCreated,
} from '@anbu/contracts/events';

import type { MatchingDatabase } from './repo/schema.js';
import { isVisitNeed } from './domain/visit-order.js';
import { LotNotInViewError } from './errors.js';
import { addOpenNeed, addStockLot, cancelOpenNeed, expireStockLot } from './repo/supply.js';
import { orderVisit, withdrawVisit } from './repo/visit-orders.js';

/** The durable consumer name of the matcher's supply-and-demand view. */
export const SUPPLY_CONSUMER = 'matching_supply';

/**
 * Takes units written off in donations out of the matcher's view of a lot. Donations writes off
 * only units it holds available, so the lot's quantity never falls below what is allocated here;
 * the floor only guards a view that ran ahead of donations. A write-off handled before the lot's
 * `lot.received` throws, so that the bus delivers it again once the lot is in the view.
 */
async function writeOffStockUnits(
  trx: Transaction<MatchingDatabase>,
  event: EventOf<typeof lotWrittenOff>,
): Promise<void> {
  const result = await trx
    .updateTable('stock_lots')
    .set({
      quantity: sql<number>`greatest(quantity - ${event.data.quantityWrittenOff}, allocated)`,
    })
    .where('lot_id', '=', event.data.lotId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    throw new LotNotInViewError(event.data.lotId);
  }
}

/**
 * The matcher's consumer: keeps its view of open needs and stock lots from the households and
 * donations events, each effect applied once per event through the inbox. A cancelled need or
 * an expired lot also gives back its live allocations (`allocation.released`); a written-off lot
 * offers fewer units. A visit need (`welfare_visit`) needs no stock: it is ordered at once as a
 * `visit` delivery order (through the outbox, in the inbox's transaction), never allocated;
 * cancelling it withdraws the order (`delivery.withdrawn`).
 */
export function createConsumers(deps: {
  db: Kysely<MatchingDatabase>;
  log: Logger;
  /** Wakes the outbox relay after a commit that enqueued events. */
  wake?: () => void;
}): ConsumeOptions[] {
  const { db, log } = deps;
  const once = async (
    eventId: string,
    effect: Parameters<typeof withInbox<MatchingDatabase>>[2],
  ) => {
    const outcome = await withInbox(db, { consumer: SUPPLY_CONSUMER, eventId }, effect);
    if (outcome === 'duplicate') log.debug({ eventId }, 'event already applied');
  };
  return [
    {
      durable: SUPPLY_CONSUMER,
      routes: [
        on(needCreated, async (event) => {
          if (!isVisitNeed(event.data)) return once(event.id, (trx) => addOpenNeed(trx, event));
          let orderId: string | undefined;
          await once(event.id, async (trx) => {
            orderId = await orderVisit(trx, event);
          });
          if (orderId) {
            log.info({ needId: event.data.needId, orderId }, 'visit need ordered');
            deps.wake?.();
          }
        }),
        on(needCancelled, async (event) => {
          let withdrawn: string | undefined;
          await once(event.id, async (trx) => {
            // A visit need's order is withdrawn; a stock need gives its allocations back.
            withdrawn = await withdrawVisit(trx, event);
            if (!withdrawn) await cancelOpenNeed(trx, event);
          });
          if (withdrawn) {
            log.info({ needId: event.data.needId, orderId: withdrawn }, 'visit order withdrawn');
            deps.wake?.();
          }
        }),
        on(lotReceived, (event) => once(event.id, (trx) => addStockLot(trx, event))),
        on(lotExpired, (event) => once(event.id, (trx) => expireStockLot(trx, event))),
        on(lotWrittenOff, (event) => once(event.id, (trx) => writeOffStockUnits(trx, event))),
      ],
    },
  ];
}
