import { z } from 'zod';

import type { RiskLevel } from '../domain/household.js';
import {
  coordinatesSchema,
  countSchema,
  dateSchema,
  districtCodeSchema,
  quantitySchema,
  storageClassSchema,
} from '../domain/common.js';
import { donationRestrictionsSchema } from '../domain/donation.js';
import {
  allergenSchema,
  dietaryTagSchema,
  householdTypeSchema,
  riskLevelSchema,
} from '../domain/household.js';
import { itemCategorySchema, itemUnitSchema } from '../domain/item.js';

/** Ids inside an allocation problem: any non-empty key the caller chooses (UUIDs in services). */
export const allocationKeySchema = z.string().min(1).max(100);

/** A depot goods leave from; its location prices the distance to each household. */
export const allocationDepotSchema = z.object({
  id: allocationKeySchema,
  location: coordinatesSchema,
});
export type AllocationDepot = z.infer<typeof allocationDepotSchema>;

/**
 * Donor restrictions as the matcher applies them: household types and districts (empty = any),
 * `childrenOnly` (only households with children), and `noResale` (recorded and carried on;
 * Anbu never sells goods, so it constrains nothing here).
 */
export const allocationRestrictionsSchema = donationRestrictionsSchema.extend({
  childrenOnly: z.boolean().default(false),
  noResale: z.boolean().default(false),
});
export type AllocationRestrictions = z.infer<typeof allocationRestrictionsSchema>;

const NO_RESTRICTIONS = {
  householdTypes: [],
  districtCodes: [],
  childrenOnly: false,
  noResale: false,
};

/** Food facts the matcher checks against a household's diet (food categories only). */
const foodFactsShape = {
  /** Allergens the goods contain. */
  allergens: z.array(allergenSchema).max(16).default([]),
  /** Diets the goods are suitable for (soft food, diabetic, …). */
  suitableFor: z.array(dietaryTagSchema).max(8).default([]),
};

/** Stock on hand in a depot: one lot, the units not yet promised to anyone. */
export const allocationLotSchema = z.object({
  id: allocationKeySchema,
  depotId: allocationKeySchema,
  category: itemCategorySchema,
  unit: itemUnitSchema,
  storageClass: storageClassSchema,
  /** Units available (the lot's `quantityAvailable`). */
  quantity: countSchema,
  /** Last day the goods may be delivered; absent for goods that do not expire. */
  expiresOn: dateSchema.optional(),
  restrictions: allocationRestrictionsSchema.default(NO_RESTRICTIONS),
  ...foodFactsShape,
});
export type AllocationLot = z.infer<typeof allocationLotSchema>;
export type AllocationLotInput = z.input<typeof allocationLotSchema>;

/**
 * A kitchen that cooks `boxesPerDay` meal boxes on each of `days` days from the problem date.
 * Each day's capacity is a source that is available from that day and keeps `shelfLifeDays`.
 */
export const allocationKitchenSchema = z.object({
  id: allocationKeySchema,
  depotId: allocationKeySchema,
  category: itemCategorySchema.default('meal_box'),
  unit: itemUnitSchema.default('box'),
  storageClass: storageClassSchema.default('chilled'),
  boxesPerDay: countSchema,
  days: z.number().int().min(1).max(31).default(7),
  shelfLifeDays: z.number().int().min(0).max(30).default(2),
  restrictions: allocationRestrictionsSchema.default(NO_RESTRICTIONS),
  ...foodFactsShape,
});
export type AllocationKitchen = z.infer<typeof allocationKitchenSchema>;
export type AllocationKitchenInput = z.input<typeof allocationKitchenSchema>;

/** An open need joined with what the matcher weighs of its household. */
export const allocationNeedSchema = z
  .object({
    id: allocationKeySchema,
    householdId: allocationKeySchema,
    category: itemCategorySchema,
    unit: itemUnitSchema,
    /** Units still missing. */
    quantity: quantitySchema,
    /** Required storage class; absent means any. */
    storageClass: storageClassSchema.optional(),
    /** Earliest day the delivery can happen (the next dispatch day). */
    deliveryDate: dateSchema,
    /** Last day on which delivery still helps. */
    deadline: dateSchema,
    /** The day the need was filed; waiting time counts from here. */
    waitingSince: dateSchema,
    /** 0 (routine) … 100 (most urgent), as filed. */
    priority: z.number().int().min(0).max(100).default(0),
    riskLevel: riskLevelSchema,
    householdType: householdTypeSchema,
    childrenInHousehold: z.boolean().default(false),
    dietaryTags: z.array(dietaryTagSchema).max(8).default([]),
    allergens: z.array(allergenSchema).max(16).default([]),
    districtCode: districtCodeSchema,
    location: coordinatesSchema,
  })
  .refine((need) => need.deadline >= need.deliveryDate, {
    message: 'deadline must not be before the delivery date',
    path: ['deadline'],
  });
export type AllocationNeed = z.infer<typeof allocationNeedSchema>;
export type AllocationNeedInput = z.input<typeof allocationNeedSchema>;

/** Weight of one unit by household risk level (see the objective in `@anbu/allocation`). */
export const DEFAULT_RISK_WEIGHTS = {
  low: 1,
  medium: 2,
  high: 4,
  critical: 8,
} as const satisfies Record<RiskLevel, number>;

/** Tuning of the objective; the defaults are what the services use. */
export const allocationOptionsSchema = z.object({
  riskWeights: z
    .object({
      low: z.number().positive(),
      medium: z.number().positive(),
      high: z.number().positive(),
      critical: z.number().positive(),
    })
    .default(DEFAULT_RISK_WEIGHTS),
  /** Waiting days beyond this add nothing more to the weight. */
  maxWaitingDays: z.number().int().min(0).max(365).default(30),
  /** Lots expiring within this many days earn a first-expiring bonus and count as waste. */
  expiryHorizonDays: z.number().int().min(1).max(365).default(14),
  /**
   * Fairness: the value of a unit given to a district falls by `fairnessPenalties[k]` of its
   * weight once the district's weighted fill rate is in band `k` of `fairnessPenalties.length`
   * equal bands. Non-decreasing, first 0, each below 1.
   */
  fairnessPenalties: z
    .array(z.number().min(0).lt(1))
    .min(1)
    .max(10)
    .refine((p) => p[0] === 0 && p.every((v, i) => i === 0 || v >= (p[i - 1] ?? 0)), {
      message: 'penalties must start at 0 and never decrease',
    })
    .default([0, 0.2, 0.4, 0.6]),
});
export type AllocationOptions = z.infer<typeof allocationOptionsSchema>;

/** Everything the matcher needs for one run on one day. */
export const allocationProblemSchema = z.object({
  /** The run's day (Asia/Seoul); lots expiring before a need's delivery day are never used. */
  date: dateSchema,
  depots: z.array(allocationDepotSchema).max(1_000),
  lots: z.array(allocationLotSchema).max(200_000),
  kitchens: z.array(allocationKitchenSchema).max(1_000).default([]),
  needs: z.array(allocationNeedSchema).max(500_000),
  options: allocationOptionsSchema.default({
    riskWeights: DEFAULT_RISK_WEIGHTS,
    maxWaitingDays: 30,
    expiryHorizonDays: 14,
    fairnessPenalties: [0, 0.2, 0.4, 0.6],
  }),
});
export type AllocationProblem = z.infer<typeof allocationProblemSchema>;
export type AllocationProblemInput = z.input<typeof allocationProblemSchema>;
