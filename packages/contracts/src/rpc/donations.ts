import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import {
  countSchema,
  dateSchema,
  idSchema,
  noteText,
  pageOf,
  pageRequestSchema,
  quantitySchema,
  shortText,
  storageClassSchema,
} from '../domain/common.js';
import { depotSchema } from '../domain/depot.js';
import { donationInputSchema, donationSchema, donationStatusSchema } from '../domain/donation.js';
import { itemCategorySchema } from '../domain/item.js';
import { lotSchema, lotStatusSchema } from '../domain/lot.js';

const service = 'donations';

/** A partner posts a donation for its own organisation (the actor's). */
export const postDonation = defineRpc({
  service,
  method: 'donation.post',
  kind: 'mutation',
  input: donationInputSchema,
  output: donationSchema,
});

/** Accepts an offered donation. */
export const acceptDonation = defineRpc({
  service,
  method: 'donation.accept',
  kind: 'mutation',
  input: z.object({ donationId: idSchema, note: noteText(500).optional() }),
  output: donationSchema,
});

/** Rejects an offered donation, with a reason the partner sees. */
export const rejectDonation = defineRpc({
  service,
  method: 'donation.reject',
  kind: 'mutation',
  input: z.object({ donationId: idSchema, reason: shortText() }),
  output: donationSchema,
});

/** Books one of the pickup slots dispatch offers (see `dispatch` `pickupSlot.list`). */
export const bookPickup = defineRpc({
  service,
  method: 'donation.bookPickup',
  kind: 'mutation',
  input: z.object({ donationId: idSchema, pickupSlotId: idSchema }),
  output: donationSchema,
});

/** Records that the donation was picked up. */
export const recordPickup = defineRpc({
  service,
  method: 'donation.recordPickup',
  kind: 'mutation',
  input: z.object({ donationId: idSchema, note: noteText(500).optional() }),
  output: donationSchema,
});

/**
 * Receives a picked-up donation into a depot: each item line becomes a lot. `quantities` may
 * correct the counted quantities by item index; what is missing is written off.
 */
export const receiveDonation = defineRpc({
  service,
  method: 'donation.receive',
  kind: 'mutation',
  input: z.object({
    donationId: idSchema,
    depotId: idSchema,
    received: z
      .array(z.object({ itemIndex: z.number().int().min(0).max(99), quantity: countSchema }))
      .max(100)
      .optional(),
    note: noteText(500).optional(),
  }),
  output: z.object({ donation: donationSchema, lots: z.array(lotSchema).max(100) }),
});

/** Writes off a donation (or what is left of it) before it is received. */
export const writeOffDonation = defineRpc({
  service,
  method: 'donation.writeOff',
  kind: 'mutation',
  input: z.object({ donationId: idSchema, reason: shortText() }),
  output: donationSchema,
});

/** One donation (a partner only its own organisation's). */
export const getDonation = defineRpc({
  service,
  method: 'donation.get',
  input: z.object({ donationId: idSchema }),
  output: donationSchema,
});

/** Donations; partners are scoped to their own organisation whatever they ask. */
export const listDonations = defineRpc({
  service,
  method: 'donation.list',
  input: pageRequestSchema.extend({
    organisationId: idSchema.optional(),
    statuses: z.array(donationStatusSchema).max(9).optional(),
    postedFrom: dateSchema.optional(),
    postedTo: dateSchema.optional(),
  }),
  output: pageOf(donationSchema),
});

/** What became of a donation, for the partner who gave it (no recipient details). */
export const donationImpactSchema = z.object({
  donationId: idSchema,
  unitsReceived: countSchema,
  unitsAvailable: countSchema,
  unitsAllocated: countSchema,
  unitsDelivered: countSchema,
  unitsWrittenOff: countSchema,
  householdsServed: countSchema,
  districtsServed: countSchema,
});
export type DonationImpact = z.infer<typeof donationImpactSchema>;

/** A donation's impact (a partner only its own organisation's). */
export const getDonationImpact = defineRpc({
  service,
  method: 'donation.impact',
  input: z.object({ donationId: idSchema }),
  output: donationImpactSchema,
});

/** Every depot. */
export const listDepots = defineRpc({
  service,
  method: 'depot.list',
  input: z.object({ organisationId: idSchema.optional() }),
  output: z.object({ items: z.array(depotSchema).max(1000) }),
});

/** Stock by lot, filtered. */
export const listLots = defineRpc({
  service,
  method: 'lot.list',
  input: pageRequestSchema.extend({
    depotId: idSchema.optional(),
    categories: z.array(itemCategorySchema).max(30).optional(),
    storageClasses: z.array(storageClassSchema).max(3).optional(),
    statuses: z.array(lotStatusSchema).max(4).default(['in_stock']),
    expiresBefore: dateSchema.optional(),
  }),
  output: pageOf(lotSchema),
});

/** One row of stock totals: a depot, category and storage class. */
export const stockSummaryRowSchema = z.object({
  depotId: idSchema,
  category: itemCategorySchema,
  storageClass: storageClassSchema,
  available: countSchema,
  allocated: countSchema,
  lots: countSchema,
  earliestExpiry: dateSchema.optional(),
});
/** Stock totals of a depot (or all depots). */
export const stockSummary = defineRpc({
  service,
  method: 'stock.summary',
  input: z.object({ depotId: idSchema.optional() }),
  output: z.object({ rows: z.array(stockSummaryRowSchema).max(10_000) }),
});

/** Writes off every lot whose expiry is before `asOf` (default today); emits `lot.expired`. */
export const sweepExpiry = defineRpc({
  service,
  method: 'lot.sweepExpiry',
  kind: 'mutation',
  input: z.object({ asOf: dateSchema.optional() }),
  output: z.object({
    expiredLotIds: z.array(idSchema).max(100_000),
    unitsWrittenOff: countSchema,
  }),
});

/** Records a count correction or damage on a lot (writes off the difference). */
export const writeOffLot = defineRpc({
  service,
  method: 'lot.writeOff',
  kind: 'mutation',
  input: z.object({ lotId: idSchema, quantity: quantitySchema, reason: shortText() }),
  output: lotSchema,
});

/** Loads depots, idempotent by id (existing ones are left as they are): demo seed, onboarding. */
export const importDonationsBulk = defineRpc({
  service,
  method: 'import.bulk',
  kind: 'mutation',
  input: z.object({ depots: z.array(depotSchema).max(1000).default([]) }),
  output: z.object({ created: countSchema, existing: countSchema }),
});

/** Every RPC the donations service serves. */
export const DONATIONS_RPCS = [
  postDonation,
  acceptDonation,
  rejectDonation,
  bookPickup,
  recordPickup,
  receiveDonation,
  writeOffDonation,
  getDonation,
  listDonations,
  getDonationImpact,
  listDepots,
  listLots,
  stockSummary,
  sweepExpiry,
  writeOffLot,
  importDonationsBulk,
] as const;
