import type { Kysely, Transaction } from 'kysely';

import type { ConsumeOptions } from '@anbu/bus';
import type { ActorRef, EventOf } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import { on } from '@anbu/bus';
import { emit, withInbox } from '@anbu/bus/outbox';
import { canTransitionDonation, donationStatusSchema } from '@anbu/contracts';
import { allocationMade, allocationReleased, donationAllocated } from '@anbu/contracts/events';

import type { DonationsDatabase } from './repo/schema.js';
import { findDonation, setDonationStatus } from './repo/donations.js';
import { allocateUnits, releaseUnits, summariseDonationLots } from './repo/lots.js';

/** The durable consumer that keeps lots' allocated counts in step with matching. */
export const ALLOCATIONS_CONSUMER = 'donations_allocations';

/** Who moves a donation when matching allocates or releases its lots. */
export const ALLOCATION_ACTOR: ActorRef = { kind: 'system', id: 'matching' };

/**
 * Donations' consumers: `allocation.made` moves units of a lot from available to allocated and
 * `allocation.released` moves them back (to written off if the lot has expired or was written
 * off meanwhile), once per event (inbox). A donation whose lots have nothing left available and
 * something allocated becomes `allocated`; a release that makes units available again moves it
 * back to `received`. Kitchen allocations hold no lot and are ignored.
 */
export function createConsumers(deps: {
  db: Kysely<DonationsDatabase>;
  log: Logger;
  now: () => Date;
  wake: () => void;
}): ConsumeOptions[] {
  const { db, log, now, wake } = deps;

  const settleDonation = async (
    trx: Transaction<DonationsDatabase>,
    donationId: string | undefined,
  ): Promise<boolean> => {
    if (!donationId) return false;
    const donation = await findDonation(trx, donationId, { forUpdate: true });
    if (!donation) return false;
    const lots = await summariseDonationLots(trx, donationId);
    const allAllocated = lots.available === 0 && lots.allocated > 0;
    const from = donationStatusSchema.parse(donation.status);
    const to = allAllocated ? 'allocated' : 'received';
    if (from === to || !canTransitionDonation(from, to)) return false;
    // Only the allocated ↔ received pair moves here; other statuses are not matching's to change.
    if (!(from === 'received' || from === 'allocated')) return false;
    const at = now();
    await setDonationStatus(trx, { id: donationId, status: to, at, by: ALLOCATION_ACTOR });
    if (to === 'allocated')
      await emit(trx, donationAllocated, {
        donationId,
        organisationId: donation.organisationId,
        at: at.toISOString(),
        by: ALLOCATION_ACTOR,
      });
    return true;
  };

  const applied = (event: EventOf<typeof allocationMade> | EventOf<typeof allocationReleased>) =>
    ({ consumer: ALLOCATIONS_CONSUMER, eventId: event.id }) as const;

  return [
    {
      durable: ALLOCATIONS_CONSUMER,
      routes: [
        on(allocationMade, async (event) => {
          const { source, quantity, allocationId } = event.data;
          if (source.kind !== 'lot') return;
          let emitted = false;
          await withInbox(db, applied(event), async (trx) => {
            const lot = await allocateUnits(trx, { id: source.lotId, quantity });
            if (!lot) {
              log.warn(
                { allocationId, lotId: source.lotId, quantity },
                'allocation of a lot that is unknown or has too few units available: not applied',
              );
              return;
            }
            emitted = await settleDonation(trx, lot.donationId);
          });
          if (emitted) wake();
        }),
        on(allocationReleased, async (event) => {
          const { source, quantity, allocationId } = event.data;
          if (source.kind !== 'lot') return;
          await withInbox(db, applied(event), async (trx) => {
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
  ];
}
