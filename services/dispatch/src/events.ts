import type { Kysely, Transaction } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { withInbox } from '@anbu/bus/outbox';
import {
  allocationReleased,
  deliveryOrdered,
  deliveryWithdrawn,
  donationPickupBooked,
} from '@anbu/contracts/events';

import type { DispatchDatabase } from './repo/schema.js';
import { releaseFromOrder } from './domain/release.js';
import { markOrdered, markReleased } from './repo/allocation-marks.js';
import {
  cancelOpenOrder,
  insertOrder,
  openOrdersWithAllocation,
  reduceOpenOrder,
} from './repo/orders.js';
import { upsertBooking } from './repo/pickup-slots.js';

/** The durable consumer name of dispatch's order pool. */
export const ORDERS_CONSUMER = 'dispatch_orders';
/** The durable consumer name of the pickup bookings that count slots down. */
export const PICKUPS_CONSUMER = 'dispatch_pickups';

/**
 * Dispatch's consumers. Each `delivery.ordered` from matching becomes an open order in the pool,
 * once per event (inbox) and once per order id (a re-sent order with a new event id is kept once).
 * An `allocation.released` takes its allocation out of the open order carrying it: the order is
 * cancelled when it carried nothing else, else its lines shrink. The two events of an allocation
 * may be handled in either order (several messages are handled at once, by several replicas):
 * a mark per allocation serialises them, and an order that arrives after its release arrives
 * without the released units. Planned or published orders are left to the
 * dispatcher and the carrier. A `delivery.withdrawn` cancels its order while it is open. A
 * `donation.pickup_booked` takes a place of its pickup slot.
 */
/** Takes a released allocation out of the open orders carrying it (cancelled when emptied). */
async function releaseFromOpenOrders(
  trx: Transaction<DispatchDatabase>,
  options: { release: { allocationId: string; quantity: number }; log: Logger },
): Promise<void> {
  const { release, log } = options;
  for (const order of await openOrdersWithAllocation(trx, release.allocationId)) {
    const change = releaseFromOrder(order, release);
    if (change.kind === 'cancel') await cancelOpenOrder(trx, order.id);
    else if (change.kind === 'reduce') await reduceOpenOrder(trx, { id: order.id, ...change });
    log.info(
      { orderId: order.id, allocationId: release.allocationId, change: change.kind },
      'allocation released from an open order',
    );
  }
}

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
              // Marks first, in id order: a release of one of these waits for this order.
              const at = new Date();
              const released: { allocationId: string; quantity: number }[] = [];
              const ids = data.allocations.map((a) => a.allocationId).sort();
              for (const allocationId of ids) {
                const quantity = await markOrdered(trx, {
                  allocationId,
                  orderId: data.orderId,
                  at,
                });
                if (quantity !== undefined) released.push({ allocationId, quantity });
              }
              const inserted = await insertOrder(trx, {
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
              // Released before the order arrived: the order arrives without those units (once:
              // a re-sent order found its releases applied already).
              if (inserted)
                for (const release of released) await releaseFromOpenOrders(trx, { release, log });
            },
          );
          if (outcome === 'duplicate') log.debug({ eventId: event.id }, 'event already applied');
        }),
        on(allocationReleased, async (event) => {
          const { data } = event;
          const outcome = await withInbox(
            db,
            { consumer: ORDERS_CONSUMER, eventId: event.id },
            async (trx) => {
              await markReleased(trx, {
                allocationId: data.allocationId,
                quantity: data.quantity,
                at: new Date(),
              });
              await releaseFromOpenOrders(trx, { release: data, log });
            },
          );
          if (outcome === 'duplicate') log.debug({ eventId: event.id }, 'event already applied');
        }),
        // A withdrawn order (a visit whose need was cancelled) leaves the pool while still open.
        on(deliveryWithdrawn, async (event) => {
          const { orderId } = event.data;
          let cancelled = false;
          await withInbox(db, { consumer: ORDERS_CONSUMER, eventId: event.id }, async (trx) => {
            cancelled = await cancelOpenOrder(trx, orderId);
          });
          log.info({ orderId, cancelled }, 'delivery order withdrawn');
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
