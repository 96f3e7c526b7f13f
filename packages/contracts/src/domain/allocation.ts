import { z } from 'zod';

import { dateTimeSchema, idSchema, quantitySchema, shortText } from './common.js';

/** Codes of the reasons a match was made or a need left unmet, each with readable text. */
export const ALLOCATION_REASON_CODES = [
  'category_match',
  'first_expiring',
  'priority_risk',
  'waiting_time',
  'district_fairness',
  'nearest_depot',
  'kitchen_capacity',
  'no_stock',
  'no_stock_before_deadline',
  'storage_class_unavailable',
  'dietary_conflict',
  'allergen_conflict',
  'donor_restriction',
  'insufficient_quantity',
  'lower_priority',
  'lot_unavailable',
] as const;

/** Parses one of {@link ALLOCATION_REASON_CODES}. */
export const allocationReasonCodeSchema = z.enum(ALLOCATION_REASON_CODES);

/** One reason in an explanation: a code for programs and a message for people. */
export const allocationReasonSchema = z.object({
  code: allocationReasonCodeSchema,
  message: shortText(500),
});
export type AllocationReason = z.infer<typeof allocationReasonSchema>;

/** Where allocated goods come from: a stock lot, or a kitchen's cooking capacity. */
export const allocationSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lot'), lotId: idSchema, depotId: idSchema }),
  z.object({ kind: z.literal('kitchen'), kitchenOrganisationId: idSchema, depotId: idSchema }),
]);
export type AllocationSource = z.infer<typeof allocationSourceSchema>;

/** Lifecycle of an allocation. */
export const ALLOCATION_STATUSES = [
  'made',
  'ordered',
  'delivered',
  'released',
  'cancelled',
] as const;

/** Parses one of {@link ALLOCATION_STATUSES}. */
export const allocationStatusSchema = z.enum(ALLOCATION_STATUSES);
export type AllocationStatus = z.infer<typeof allocationStatusSchema>;

/** A quantity of one source promised to one need, with why. */
export const allocationSchema = z.object({
  id: idSchema,
  runId: idSchema,
  needId: idSchema,
  householdId: idSchema,
  source: allocationSourceSchema,
  quantity: quantitySchema,
  status: allocationStatusSchema,
  reasons: z.array(allocationReasonSchema).max(20),
  createdAt: dateTimeSchema,
});
export type Allocation = z.infer<typeof allocationSchema>;

/** A need the run could not serve, with why. */
export const unmetNeedSchema = z.object({
  needId: idSchema,
  quantityMissing: quantitySchema,
  reasons: z.array(allocationReasonSchema).min(1).max(20),
});
export type UnmetNeed = z.infer<typeof unmetNeedSchema>;

/** The figures of one allocation run. */
export const allocationRunSummarySchema = z.object({
  runId: idSchema,
  startedAt: dateTimeSchema,
  finishedAt: dateTimeSchema,
  needsConsidered: z.number().int().nonnegative(),
  lotsConsidered: z.number().int().nonnegative(),
  allocations: z.number().int().nonnegative(),
  unitsAllocated: z.number().int().nonnegative(),
  /** Priority-weighted share of asked units served, 0…1. */
  fillRate: z.number().min(0).max(1),
  /** Largest minus smallest district fill rate, 0…1. */
  fairnessSpread: z.number().min(0).max(1),
  unitsExpiringUnallocated: z.number().int().nonnegative(),
});
export type AllocationRunSummary = z.infer<typeof allocationRunSummarySchema>;
