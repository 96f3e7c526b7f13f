import type { Kysely } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import { lotExpired, lotReceived, needCancelled, needCreated } from '@anbu/contracts/events';

import type { MatchingDatabase } from './repo/schema.js';
import { addOpenNeed, addStockLot, cancelOpenNeed, expireStockLot } from './repo/supply.js';

/** The durable consumer name of the matcher's supply-and-demand view. */
export const SUPPLY_CONSUMER = 'matching_supply';

/**
 * The matcher's consumer: keeps its view of open needs and stock lots from the households and
 * donations events, each effect applied once per event through the inbox. A cancelled need or
 * an expired lot also gives back its live allocations (`allocation.released`).
 */
export function createConsumers(deps: {
  db: Kysely<MatchingDatabase>;
  log: Logger;
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
        on(needCreated, (event) => once(event.id, (trx) => addOpenNeed(trx, event))),
        on(needCancelled, (event) => once(event.id, (trx) => cancelOpenNeed(trx, event))),
        on(lotReceived, (event) => once(event.id, (trx) => addStockLot(trx, event))),
        on(lotExpired, (event) => once(event.id, (trx) => expireStockLot(trx, event))),
      ],
    },
  ];
}
