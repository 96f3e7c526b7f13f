import type { Kysely, Transaction } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { EventOf } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import {
  allocationRefused,
  lotExpired,
  lotReceived,
  lotWrittenOff,
  needCancelled,
  needCreated,
} from '@anbu/contracts/events';

import type { MatchingDatabase } from './repo/schema.js';
import { writeOffFromLot } from './domain/lot-view.js';
import { isVisitNeed } from './domain/visit-order.js';
import { LotNotInViewError } from './errors.js';
import { refuseAllocation } from './repo/refusal.js';
import { addOpenNeed, addStockLot, cancelOpenNeed, expireStockLot } from './repo/supply.js';
import { orderVisit, withdrawVisit } from './repo/visit-orders.js';

/** The durable consumer name of the matcher's supply-and-demand view. */
export const SUPPLY_CONSUMER = 'matching_supply';

/**
 * Takes units written off in donations out of the matcher's view of a lot. Donations writes off
 * only units it holds available, but its `allocation.made` of allocations made here may not have
 * been handled yet: the view never falls below what it allocated, and what the write-off could
 * not take is kept as the lot's shortfall ({@link writeOffFromLot}), paid when those allocations
 * are released (donations refuses them: `allocation.refused`). A write-off handled before the
 * lot's `lot.received` throws, so that the bus delivers it again once the lot is in the view.
 */
async function writeOffStockUnits(
  trx: Transaction<MatchingDatabase>,
  event: EventOf<typeof lotWrittenOff>,
): Promise<void> {
  const lot = await trx
    .selectFrom('stock_lots')
    .select(['quantity', 'allocated', 'units_short'])
    .where('lot_id', '=', event.data.lotId)
    .forUpdate()
    .executeTakeFirst();
  if (!lot) throw new LotNotInViewError(event.data.lotId);
  const after = writeOffFromLot(
    { quantity: lot.quantity, allocated: lot.allocated, unitsShort: lot.units_short },
    event.data.quantityWrittenOff,
  );
  await trx
    .updateTable('stock_lots')
    .set({ quantity: after.quantity, units_short: after.unitsShort })
    .where('lot_id', '=', event.data.lotId)
    .execute();
}

/**
 * The matcher's consumer: keeps its view of open needs and stock lots from the households and
 * donations events, each effect applied once per event through the inbox. A cancelled need or
 * an expired lot also gives back its live allocations (`allocation.released`); a written-off lot
 * offers fewer units. An allocation donations refused (its lot could not hold the units) is
 * released with the reason (`allocation.released`, `lot_unavailable`, which cancels an open
 * order in dispatch) and its need waits for the next run. A visit need (`welfare_visit`) needs no stock: it is ordered at once as a
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
        on(allocationRefused, async (event) => {
          let outcome: Awaited<ReturnType<typeof refuseAllocation>> | undefined;
          await once(event.id, async (trx) => {
            outcome = await refuseAllocation(trx, event);
          });
          if (!outcome) return;
          const { allocationId, needId, reason } = event.data;
          if (outcome === 'unknown') {
            log.warn({ allocationId, reason }, 'refusal of an allocation matching never made');
            return;
          }
          log.info({ allocationId, needId, reason, outcome }, 'allocation refused by donations');
          if (outcome === 'released') deps.wake?.();
        }),
      ],
    },
  ];
}
