import { z } from 'zod';

import {
  countSchema,
  dateSchema,
  dateTimeSchema,
  idSchema,
  quantitySchema,
  shortText,
  storageClassSchema,
} from './common.js';
import { donationRestrictionsSchema } from './donation.js';
import { itemCategorySchema, itemUnitSchema } from './item.js';

/** Lifecycle of a lot. */
export const LOT_STATUSES = ['in_stock', 'depleted', 'expired', 'written_off'] as const;

/** Parses one of {@link LOT_STATUSES}. */
export const lotStatusSchema = z.enum(LOT_STATUSES);
export type LotStatus = z.infer<typeof lotStatusSchema>;

/**
 * Goods of one kind and expiry in one depot. Conservation: every unit received is available,
 * allocated, delivered or written off — `quantityReceived` is their sum.
 */
export const lotSchema = z
  .object({
    id: idSchema,
    depotId: idSchema,
    /** The donation it came from (absent for purchased or kitchen stock). */
    donationId: idSchema.optional(),
    /** The donor, so that a partner can follow its goods. */
    organisationId: idSchema.optional(),
    category: itemCategorySchema,
    description: shortText().optional(),
    unit: itemUnitSchema,
    storageClass: storageClassSchema,
    expiresOn: dateSchema.optional(),
    restrictions: donationRestrictionsSchema.default({ householdTypes: [], districtCodes: [] }),
    quantityReceived: quantitySchema,
    /** On hand and not promised to anyone. */
    quantityAvailable: countSchema,
    quantityAllocated: countSchema,
    quantityDelivered: countSchema,
    quantityWrittenOff: countSchema,
    status: lotStatusSchema,
    receivedAt: dateTimeSchema,
  })
  .refine(
    (lot) =>
      lot.quantityAvailable +
        lot.quantityAllocated +
        lot.quantityDelivered +
        lot.quantityWrittenOff ===
      lot.quantityReceived,
    {
      message: 'available + allocated + delivered + written off must equal received',
      path: ['quantityReceived'],
    },
  );
export type Lot = z.infer<typeof lotSchema>;
