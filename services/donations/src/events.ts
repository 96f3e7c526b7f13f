import type { Kysely, Transaction } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { ActorRef, DonationStatus } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { emit, withInbox } from '@anbu/bus/outbox';
import { canTransitionDonation, donationStatusSchema } from '@anbu/contracts';
import {
  allocationMade,
  allocationRefused,
  allocationReleased,
  deliveryOrdered,
  donationAllocated,
  donationDelivered,
  stopUpdated,
} from '@anbu/contracts/events';

import type { DeliveredUnits } from './repo/deliveries.js';
import type { DonationsDatabase } from './repo/schema.js';
import { allocationMadeStep, refusalReason, tellsMatching } from './domain/allocation-made.js';
import {
  deliverOrderAllocations,
  lockAllocation,
  markOrderDelivered,
  markUnitsHeld,
  recordOrder,
  refuseAllocation,
  releaseAllocation,
} from './repo/deliveries.js';
import { findDonation, setDonationStatus } from './repo/donations.js';
import {
  allocateUnits,
  deliverUnits,
  deliverUnitsFromStock,
  lockLot,
  releaseUnits,
  summariseDonationLots,
} from './repo/lots.js';

/** The durable consumer that keeps lots' allocated counts in step with matching. */
export const ALLOCATIONS_CONSUMER = 'donations_allocations';
/** The durable consumer that counts delivered units from dispatch's delivered stops. */
export const DELIVERIES_CONSUMER = 'donations_deliveries';

/** Who moves a donation when matching allocates or releases its lots. */
export const ALLOCATION_ACTOR: ActorRef = { kind: 'system', id: 'matching' };
/** Who moves a donation when dispatch delivers the last of it. */
export const DELIVERY_ACTOR: ActorRef = { kind: 'system', id: 'dispatch' };

type Trx = Transaction<DonationsDatabase>;

/** The status a donation's lots call for: `undefined` leaves it where it is. */
function settledStatus(lots: {
  available: number;
  allocated: number;
  delivered: number;
}): DonationStatus | undefined {
  if (lots.available > 0) return 'received';
  if (lots.allocated > 0) return 'allocated';
  if (lots.delivered > 0) return 'delivered';
  return undefined;
}

/**
 * Donations' consumers. `allocation.made` moves units of a lot from available to allocated and
 * `allocation.released` moves them back (to written off if the lot has expired or was written
 * off meanwhile; not at all if they were delivered), once per event (inbox). `delivery.ordered`
 * records which lot allocations an order carries and a delivered `stop.updated` moves them from
 * allocated to delivered, in whichever order the two arrive. A donation whose lots have nothing
 * left available and something allocated becomes `allocated`; a release that makes units
 * available again moves it back to `received`; once everything allocated was delivered it is
 * `delivered`. The events of one allocation may be handled in any order (`lot_allocations`
 * remembers what was seen): a release before its `allocation.made` gives nothing back and the
 * late `allocation.made` takes nothing; a delivered order before it moves the units from
 * available straight to delivered. An `allocation.made` whose lot cannot hold the units (unknown,
 * expired, written off, or too few available since matching's run) is refused: the row says why
 * and `allocation.refused` goes out in the same transaction, once per allocation, so that
 * matching releases it (its release then gives nothing back here). Kitchen allocations hold no
 * lot and are ignored.
 */
export function createConsumers(deps: {
  db: Kysely<DonationsDatabase>;
  log: Logger;
  now: () => Date;
  wake: () => void;
}): ConsumeOptions[] {
  const { db, log, now, wake } = deps;

  /** Moves the donation one step towards the status its lots call for; true if it emitted. */
  const settleDonation = async (trx: Trx, donationId: string | undefined): Promise<boolean> => {
    if (!donationId) return false;
    const donation = await findDonation(trx, donationId, { forUpdate: true });
    if (!donation) return false;
    const to = settledStatus(await summariseDonationLots(trx, donationId));
    let from = donationStatusSchema.parse(donation.status);
    // Only received → allocated → delivered (and back to received) move here; other statuses
    // are not the consumers' to change.
    if (!to || from === to || !(from === 'received' || from === 'allocated')) return false;
    const path: DonationStatus[] =
      to === 'delivered' && from === 'received' ? ['allocated', 'delivered'] : [to];
    let emitted = false;
    for (const next of path) {
      if (!canTransitionDonation(from, next)) return emitted;
      const at = now();
      const by = next === 'delivered' ? DELIVERY_ACTOR : ALLOCATION_ACTOR;
      await setDonationStatus(trx, { id: donationId, status: next, at, by });
      const data = {
        donationId,
        organisationId: donation.organisationId,
        at: at.toISOString(),
        by,
      };
      if (next === 'allocated') await emit(trx, donationAllocated, data);
      if (next === 'delivered') await emit(trx, donationDelivered, data);
      emitted ||= next !== 'received';
      from = next;
    }
    return emitted;
  };

  /** Moves delivered units of their lots and settles the donations they came from. */
  const deliver = async (trx: Trx, units: readonly DeliveredUnits[]): Promise<boolean> => {
    const donationIds = new Set<string>();
    for (const { lotId, quantity } of units) {
      const lot = await deliverUnits(trx, { id: lotId, quantity });
      if (!lot) {
        log.warn({ lotId, quantity }, 'delivery of more units than the lot holds allocated');
        continue;
      }
      if (lot.donationId) donationIds.add(lot.donationId);
    }
    let emitted = false;
    for (const id of [...donationIds].sort()) emitted = (await settleDonation(trx, id)) || emitted;
    return emitted;
  };

  const applied = (consumer: string, event: { id: string }) =>
    ({ consumer, eventId: event.id }) as const;

  return [
    {
      durable: ALLOCATIONS_CONSUMER,
      routes: [
        on(allocationMade, async (event) => {
          const { source, quantity, allocationId, needId } = event.data;
          if (source.kind !== 'lot') return;
          const allocation = { allocationId, lotId: source.lotId, quantity };
          let emitted = false;
          await withInbox(db, applied(ALLOCATIONS_CONSUMER, event), async (trx) => {
            // The allocation's row first, then the lot: the order releases and deliveries use.
            const seen = await lockAllocation(trx, allocationId);
            const step = allocationMadeStep(seen);
            if (step === 'skip') {
              log.info({ ...allocation, seen }, 'allocation already settled here: nothing taken');
              return;
            }
            // Its order was delivered before this event was handled: the units go straight out.
            const take = step === 'deliver' ? deliverUnitsFromStock : allocateUnits;
            const lot = await take(trx, { id: source.lotId, quantity });
            if (lot) {
              await markUnitsHeld(trx, allocation);
              emitted = await settleDonation(trx, lot.donationId);
              return;
            }
            // The lot cannot hold the units (written off, expired, or they went elsewhere since
            // matching's run): refused, once, and matching is told in this transaction so that
            // it releases the allocation and the need waits for the next run.
            const current = await lockLot(trx, source.lotId);
            const reason = refusalReason(current);
            await refuseAllocation(trx, { ...allocation, reason, delivered: !tellsMatching(seen) });
            if (!tellsMatching(seen)) {
              log.error(
                { ...allocation, reason },
                'a delivered order carried units its lot does not hold: stock to recount',
              );
              return;
            }
            await emit(trx, allocationRefused, {
              allocationId,
              needId,
              lotId: source.lotId,
              quantity,
              reason,
              quantityAvailable: current?.quantityAvailable ?? 0,
            });
            emitted = true;
            log.warn({ ...allocation, reason }, 'allocation the lot cannot hold: refused');
          });
          if (emitted) wake();
        }),
        on(allocationReleased, async (event) => {
          const { source, quantity, allocationId } = event.data;
          if (source.kind !== 'lot') return;
          await withInbox(db, applied(ALLOCATIONS_CONSUMER, event), async (trx) => {
            // The allocation's row first, then the lot: the order deliveries lock them in.
            const state = await releaseAllocation(trx, {
              allocationId,
              lotId: source.lotId,
              quantity,
            });
            if (state === 'delivered') {
              log.warn({ allocationId, quantity }, 'release of delivered units: nothing goes back');
              return;
            }
            if (state === 'not_held') return;
            const lot = await releaseUnits(trx, { id: source.lotId, quantity });
            if (!lot) {
              log.warn(
                { allocationId, lotId: source.lotId, quantity },
                'release of more units than the lot holds allocated: not applied',
              );
              return;
            }
            await settleDonation(trx, lot.donationId);
          });
        }),
      ],
    },
    {
      durable: DELIVERIES_CONSUMER,
      routes: [
        on(deliveryOrdered, async (event) => {
          const allocations = event.data.allocations.flatMap((a) =>
            a.lotId ? [{ allocationId: a.allocationId, lotId: a.lotId, quantity: a.quantity }] : [],
          );
          if (allocations.length === 0) return;
          let emitted = false;
          await withInbox(db, applied(DELIVERIES_CONSUMER, event), async (trx) => {
            const delivered = await recordOrder(trx, { orderId: event.data.orderId, allocations });
            // Dispatch reported it delivered before this order reached donations.
            if (delivered)
              emitted = await deliver(trx, await deliverOrderAllocations(trx, event.data.orderId));
          });
          if (emitted) wake();
        }),
        on(stopUpdated, async (event) => {
          const { status, orderId, kind } = event.data;
          if (status !== 'delivered' || kind !== 'delivery') return;
          let emitted = false;
          await withInbox(db, applied(DELIVERIES_CONSUMER, event), async (trx) => {
            const first = await markOrderDelivered(trx, { orderId, at: new Date(event.data.at) });
            if (first) emitted = await deliver(trx, await deliverOrderAllocations(trx, orderId));
          });
          if (emitted) wake();
        }),
      ],
    },
  ];
}
