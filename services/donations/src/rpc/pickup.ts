import type { RpcRoute } from '@anbu/bus';
import type { Actor, PickupSlot } from '@anbu/contracts';
import { handle, RpcError, RpcNoRespondersError, RpcTimeoutError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { seoulDate } from '@anbu/contracts';
import { donationPickupBooked } from '@anbu/contracts/events';
import { bookPickup, listPickupSlots } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { DonationsDeps } from './deps.js';
import { canPostDonation, donationScope, isDonationsStaff } from '../domain/access.js';
import { coldestStorage, pickupLoad, slotRefusal } from '../domain/pickup.js';
import { findDepot } from '../repo/depots.js';
import { findDonation, setPickupSlot } from '../repo/donations.js';

/** Asks dispatch for the slots it offers over a donation's pickup days. */
async function offeredSlots(
  deps: DonationsDeps,
  options: { from: string; to: string; actor: Actor },
): Promise<PickupSlot[]> {
  try {
    const { items } = await deps.bus.request(
      listPickupSlots,
      { from: options.from, to: options.to },
      { actor: { kind: 'service', id: 'donations', districtCodes: [] } },
    );
    return items;
  } catch (error) {
    if (error instanceof RpcTimeoutError || error instanceof RpcNoRespondersError) {
      throw new RpcError('UNAVAILABLE', 'dispatch does not answer: pickup slots are unknown', {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Booking a pickup slot: the donor partner (or staff) picks one of the slots dispatch offers
 * for an accepted donation. Booking the same slot again changes nothing; another slot rebooks.
 * `donation.pickup_booked` tells dispatch where, when and how much to fetch.
 */
export function pickupRoutes(deps: DonationsDeps): RpcRoute[] {
  const { db, now, wake, log } = deps;

  const notFound = (id: string) =>
    new RpcError('NOT_FOUND', `donation ${id} not found`, {
      issues: [{ path: 'donationId', message: 'not found' }],
    });

  return [
    handle(bookPickup, async (input, { actor }) => {
      if (!canPostDonation(actor) && !isDonationsStaff(actor)) {
        throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not book pickups`);
      }
      const scope = donationScope(actor, undefined);
      const current = await findDonation(db, input.donationId);
      if (!current || (scope !== undefined && current.organisationId !== scope)) {
        throw notFound(input.donationId);
      }
      // The slot is read outside the transaction: no transaction waits on an RPC.
      const slots = await offeredSlots(deps, {
        from: seoulDate(new Date(current.pickup.window.start)),
        to: seoulDate(new Date(current.pickup.window.end)),
        actor,
      });
      const slot = slots.find((s) => s.id === input.pickupSlotId);
      if (!slot) {
        throw new RpcError('NOT_FOUND', `pickup slot ${input.pickupSlotId} is not offered`, {
          issues: [{ path: 'pickupSlotId', message: "not offered on the donation's pickup days" }],
        });
      }
      const depot = await findDepot(db, slot.depotId);
      const result = await transaction(db, async (trx) => {
        const donation = await findDonation(trx, input.donationId, { forUpdate: true });
        if (!donation) throw notFound(input.donationId);
        if (donation.pickupSlotId === slot.id) return donation;
        const refusal = slotRefusal({
          donation,
          slot,
          depotStorage: depot?.storageClasses ?? [],
        });
        if (refusal) {
          throw new RpcError(refusal.code, refusal.message, {
            issues: [{ path: refusal.field, message: refusal.message }],
          });
        }
        const at = now();
        await setPickupSlot(trx, { id: donation.id, pickupSlotId: slot.id, at });
        await emit(trx, donationPickupBooked, {
          donationId: donation.id,
          organisationId: donation.organisationId,
          at: at.toISOString(),
          by: { kind: actor.kind, id: actor.id },
          pickupSlotId: slot.id,
          depotId: slot.depotId,
          pickupLocation: donation.pickup.location,
          pickupWindow: slot.window,
          storageClass: coldestStorage(donation.items),
          ...pickupLoad(donation.items),
        });
        const updated = await findDonation(trx, donation.id);
        if (!updated) throw new RpcError('INTERNAL', 'donation vanished during booking');
        return updated;
      });
      wake();
      log.info({ donationId: result.id, pickupSlotId: slot.id }, 'pickup booked');
      return result;
    }),
  ];
}
