import { z } from 'zod';

import { defineEvent } from '../core/envelope.js';
import {
  actorRefSchema,
  coordinatesSchema,
  countSchema,
  dateSchema,
  dateTimeSchema,
  idSchema,
  quantitySchema,
  shortText,
  storageClassSchema,
  timeWindowSchema,
  weightKgSchema,
} from '../domain/common.js';
import { donationRestrictionsSchema } from '../domain/donation.js';
import { itemCategorySchema, itemUnitSchema } from '../domain/item.js';

const transitionData = z.object({
  donationId: idSchema,
  /** The donor organisation, so that its partner views update. */
  organisationId: idSchema,
  at: dateTimeSchema,
  by: actorRefSchema,
});

function donationTransition<const E extends string>(event: E) {
  return defineEvent({
    service: 'donations',
    entity: 'donation',
    event,
    version: 1,
    data: transitionData,
  });
}

/** A partner offered a donation. */
export const donationOffered = donationTransition('offered');
/** The donation was accepted. */
export const donationAccepted = donationTransition('accepted');
/** The donation was rejected. */
export const donationRejected = donationTransition('rejected');
/** A pickup slot was booked for the donation. */
export const donationPickupBooked = defineEvent({
  service: 'donations',
  entity: 'donation',
  event: 'pickup_booked',
  version: 1,
  // The pickup place is the donor's, not a recipient's, so dispatch gets it here to plan the trip.
  data: transitionData.extend({
    pickupSlotId: idSchema,
    depotId: idSchema,
    pickupLocation: coordinatesSchema,
    pickupWindow: timeWindowSchema,
    storageClass: storageClassSchema,
    boxes: countSchema,
    weightKg: weightKgSchema,
  }),
});
/** The donation was picked up. */
export const donationPickedUp = donationTransition('picked_up');
/** The donation was received into a depot and became lots. */
export const donationReceived = defineEvent({
  service: 'donations',
  entity: 'donation',
  event: 'received',
  version: 1,
  data: transitionData.extend({ depotId: idSchema, lotIds: z.array(idSchema).min(1).max(100) }),
});
/** All the donation's lots are allocated. */
export const donationAllocated = donationTransition('allocated');
/** All the donation's goods are delivered. */
export const donationDelivered = donationTransition('delivered');
/** The donation expired before use. */
export const donationExpired = donationTransition('expired');
/** The donation was written off (damaged, unsafe, lost). */
export const donationWrittenOff = donationTransition('written_off');

/** Goods entered stock as a lot; the matcher can allocate them. */
export const lotReceived = defineEvent({
  service: 'donations',
  entity: 'lot',
  event: 'received',
  version: 1,
  data: z.object({
    lotId: idSchema,
    depotId: idSchema,
    donationId: idSchema.optional(),
    category: itemCategorySchema,
    unit: itemUnitSchema,
    quantity: quantitySchema,
    storageClass: storageClassSchema,
    expiresOn: dateSchema.optional(),
    /** The donor's restrictions on who may receive it. */
    restrictions: donationRestrictionsSchema,
    organisationId: idSchema.optional(),
  }),
});

/** An expiry sweep wrote off what was left of a lot. */
export const lotExpired = defineEvent({
  service: 'donations',
  entity: 'lot',
  event: 'expired',
  version: 1,
  data: z.object({
    lotId: idSchema,
    depotId: idSchema,
    expiresOn: dateSchema,
    quantityWrittenOff: countSchema,
  }),
});

/** Staff wrote off counted units of a lot (damaged, unsafe, lost); they can no longer be allocated. */
export const lotWrittenOff = defineEvent({
  service: 'donations',
  entity: 'lot',
  event: 'written_off',
  version: 1,
  data: z.object({
    lotId: idSchema,
    depotId: idSchema,
    quantityWrittenOff: quantitySchema,
    /** Units of the lot still available after the write-off. */
    quantityAvailable: countSchema,
    reason: shortText(),
    at: dateTimeSchema,
    by: actorRefSchema,
  }),
});

/** Why donations could not hold an allocation's units (see {@link allocationRefused}). */
export const ALLOCATION_REFUSAL_REASONS = [
  'lot_unknown',
  'lot_expired',
  'lot_written_off',
  'too_few_units',
] as const;
export type AllocationRefusalReason = (typeof ALLOCATION_REFUSAL_REASONS)[number];

/**
 * Donations could not hold the units of a lot allocation (the lot was unknown, expired or written
 * off, or had too few units available, between matching's run and donations handling
 * `allocation.made`): the allocation is not backed by stock. Emitted once per allocation;
 * matching releases the allocation and the need waits for the next run.
 */
export const allocationRefused = defineEvent({
  service: 'donations',
  entity: 'allocation',
  event: 'refused',
  version: 1,
  data: z.object({
    allocationId: idSchema,
    needId: idSchema,
    lotId: idSchema,
    quantity: quantitySchema,
    reason: z.enum(ALLOCATION_REFUSAL_REASONS),
    /** Units of the lot available in donations when it refused (0 for an unknown lot). */
    quantityAvailable: countSchema,
  }),
});

/** Every event the donations service emits. */
export const DONATIONS_EVENTS = [
  donationOffered,
  donationAccepted,
  donationRejected,
  donationPickupBooked,
  donationPickedUp,
  donationReceived,
  donationAllocated,
  donationDelivered,
  donationExpired,
  donationWrittenOff,
  lotReceived,
  lotExpired,
  lotWrittenOff,
  allocationRefused,
] as const;
