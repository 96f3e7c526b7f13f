import { z } from 'zod';

import {
  actorRefSchema,
  coordinatesSchema,
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  noteText,
  seoulDate,
  shortText,
  storageClassSchema,
  timeWindowSchema,
} from './common.js';
import { householdTypeSchema } from './household.js';
import { itemLineSchema } from './item.js';

/**
 * Status of a donation: offered → accepted | rejected → picked_up → received → allocated →
 * delivered, or expired / written_off on the way. See {@link DONATION_TRANSITIONS}.
 */
export const DONATION_STATUSES = [
  'offered',
  'accepted',
  'rejected',
  'picked_up',
  'received',
  'allocated',
  'delivered',
  'expired',
  'written_off',
] as const;

/** Parses one of {@link DONATION_STATUSES}. */
export const donationStatusSchema = z.enum(DONATION_STATUSES);
export type DonationStatus = z.infer<typeof donationStatusSchema>;

/** The statuses each status may move to; terminal statuses move nowhere. */
export const DONATION_TRANSITIONS = {
  offered: ['accepted', 'rejected', 'expired'],
  accepted: ['picked_up', 'expired', 'written_off'],
  rejected: [],
  picked_up: ['received', 'written_off'],
  received: ['allocated', 'expired', 'written_off'],
  allocated: ['delivered', 'received', 'expired', 'written_off'],
  delivered: [],
  expired: [],
  written_off: [],
} as const satisfies Record<DonationStatus, readonly DonationStatus[]>;

/** Whether a donation may move from `from` to `to`. */
export function canTransitionDonation(from: DonationStatus, to: DonationStatus): boolean {
  return (DONATION_TRANSITIONS[from] as readonly DonationStatus[]).includes(to);
}

/** Whether the date marks the last safe day (`use_by`) or quality only (`best_before`). */
export const EXPIRY_KINDS = ['use_by', 'best_before'] as const;

/** One line of a donation: goods with their storage class and expiry. */
export const donationItemSchema = itemLineSchema.extend({
  storageClass: storageClassSchema,
  expiresOn: dateSchema.optional(),
  expiryKind: z.enum(EXPIRY_KINDS).optional(),
});
export type DonationItem = z.infer<typeof donationItemSchema>;

/** Where and when a donation can be picked up. */
export const pickupSchema = z.object({
  placeName: shortText(),
  address: shortText(),
  location: coordinatesSchema,
  window: timeWindowSchema,
  contactPhone: shortText(40).optional(),
});
export type Pickup = z.infer<typeof pickupSchema>;

/** Donor restrictions on who may receive the goods; empty lists mean no restriction. */
export const donationRestrictionsSchema = z.object({
  householdTypes: z.array(householdTypeSchema).max(20).default([]),
  districtCodes: z.array(districtCodeSchema).max(200).default([]),
  note: noteText(500).optional(),
});
export type DonationRestrictions = z.infer<typeof donationRestrictionsSchema>;

/** One recorded status change, with who and when. */
export const donationStatusEntrySchema = z.object({
  status: donationStatusSchema,
  at: dateTimeSchema,
  by: actorRefSchema,
  note: noteText(500).optional(),
});
export type DonationStatusEntry = z.infer<typeof donationStatusEntrySchema>;

const donationFieldsSchema = z.object({
  items: z.array(donationItemSchema).min(1).max(100),
  pickup: pickupSchema,
  restrictions: donationRestrictionsSchema.default({ householdTypes: [], districtCodes: [] }),
  note: noteText().optional(),
});

/**
 * What a partner posts. Rejects any item whose expiry is before today (Asia/Seoul), naming
 * `items.<i>.expiresOn`.
 */
export const donationInputSchema = donationFieldsSchema.superRefine((donation, ctx) => {
  const today = seoulDate();
  donation.items.forEach((item, index) => {
    if (item.expiresOn !== undefined && item.expiresOn < today) {
      ctx.addIssue({
        code: 'custom',
        message: `expiry ${item.expiresOn} is before today (${today})`,
        path: ['items', index, 'expiresOn'],
      });
    }
  });
});
export type DonationInput = z.infer<typeof donationInputSchema>;

/** A donation offer and where it is in its life. */
export const donationSchema = donationFieldsSchema.extend({
  id: idSchema,
  organisationId: idSchema,
  status: donationStatusSchema,
  /** The pickup slot booked from those dispatch offers. */
  pickupSlotId: idSchema.optional(),
  /** The depot it was received into. */
  depotId: idSchema.optional(),
  rejectedReason: shortText().optional(),
  history: z.array(donationStatusEntrySchema).min(1).max(100),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
});
export type Donation = z.infer<typeof donationSchema>;
