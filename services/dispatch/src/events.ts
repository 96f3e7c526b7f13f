import type { Kysely } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import { deliveryOrdered, donationPickupBooked } from '@anbu/contracts/events';

import type { DispatchDatabase } from './repo/schema.js';
import { insertOrder } from './repo/orders.js';
import { upsertBooking } from './repo/pickup-slots.js';

/** The durable consumer name of dispatch's order pool. */
export const ORDERS_CONSUMER = 'dispatch_orders';
/** The durable consumer name of the pickup bookings that count slots down. */
export const PICKUPS_CONSUMER = 'dispatch_pickups';

/**
 * Dispatch's consumer: each `delivery.ordered` from matching becomes an open order in the pool,
 * once per event (inbox) and once per order id (a re-sent order with a new event id is kept once).
 */
export function createConsumers(deps: {
  db: Kysely<DispatchDatabase>;
  log: Logger;
  onOrder?: () => void;
}): ConsumeOptions[] {
  const { db, log } = deps;
  return [
    {
      durable: ORDERS_CONSUMER,
      routes: [
        on(deliveryOrdered, async (event) => {
          const { data } = event;
          const outcome = await withInbox(
            db,
            { consumer: ORDERS_CONSUMER, eventId: event.id },
            async (trx) => {
              await insertOrder(trx, {
                id: data.orderId,
                kind: data.kind,
                householdId: data.householdId,
                donationId: data.donationId,
                districtCode: data.districtCode,
                depotId: data.depotId,
                needIds: data.needIds,
                allocationIds: data.allocations.map((a) => a.allocationId),
                items: data.items,
                storageClass: data.storageClass,
                deliverBy: data.deliverBy,
                priority: data.priority,
                status: 'open',
                attempts: 0,
                createdAt: event.occurredAt,
              });
            },
          );
          if (outcome === 'duplicate') log.debug({ eventId: event.id }, 'event already applied');
        }),
      ],
    },
    {
      durable: PICKUPS_CONSUMER,
      routes: [
        // A booked pickup takes one place of its slot; a rebooking moves the donation's place.
        on(donationPickupBooked, async (event) => {
          const { data } = event;
          const outcome = await withInbox(
            db,
            { consumer: PICKUPS_CONSUMER, eventId: event.id },
            (trx) =>
              upsertBooking(trx, {
                donationId: data.donationId,
                slotId: data.pickupSlotId,
                depotId: data.depotId,
                at: data.at,
              }),
          );
          if (outcome === 'duplicate') log.debug({ eventId: event.id }, 'event already applied');
        }),
      ],
    },
  ];
}
