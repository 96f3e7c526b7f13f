import { z } from 'zod';

import { allocationReasonCodeSchema } from '../domain/allocation.js';
import { dateSchema, districtCodeSchema, quantitySchema } from '../domain/common.js';
import { allocationKeySchema } from './problem.js';

/** Where matched units come from: a lot, or one day of a kitchen's cooking capacity. */
export const allocationMatchSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lot'), lotId: allocationKeySchema, depotId: allocationKeySchema }),
  z.object({
    kind: z.literal('kitchen'),
    kitchenId: allocationKeySchema,
    depotId: allocationKeySchema,
    /** The day the boxes are cooked. */
    day: dateSchema,
  }),
]);
export type AllocationMatchSource = z.infer<typeof allocationMatchSourceSchema>;

/** Units of one source promised to one need, to be delivered on `deliveryDate`. */
export const allocationMatchSchema = z.object({
  needId: allocationKeySchema,
  source: allocationMatchSourceSchema,
  quantity: quantitySchema,
  deliveryDate: dateSchema,
});
export type AllocationMatch = z.infer<typeof allocationMatchSchema>;

/** Units of a need left unserved. */
export const allocationShortfallSchema = z.object({
  needId: allocationKeySchema,
  quantityMissing: quantitySchema,
});
export type AllocationShortfall = z.infer<typeof allocationShortfallSchema>;

/** Figures of a solution (see the objective in `@anbu/allocation`). */
export const allocationMetricsSchema = z.object({
  unitsAsked: z.number().int().nonnegative(),
  unitsAllocated: z.number().int().nonnegative(),
  /** Σ weight × units served / Σ weight × units asked, 0…1. */
  weightedFillRate: z.number().min(0).max(1),
  /** Highest minus lowest district weighted fill rate, 0…1. */
  fairnessSpread: z.number().min(0).max(1),
  /** Lowest district weighted fill rate, 0…1. */
  minDistrictFillRate: z.number().min(0).max(1),
  /** Lot units expiring within the expiry horizon and left unallocated. */
  unitsExpiringUnallocated: z.number().int().nonnegative(),
  /** The objective value of the model. */
  objective: z.number(),
});
export type AllocationMetrics = z.infer<typeof allocationMetricsSchema>;

/** The matcher's answer: matches, shortfalls and figures. */
export const allocationSolutionSchema = z.object({
  matches: z.array(allocationMatchSchema),
  shortfalls: z.array(allocationShortfallSchema),
  metrics: allocationMetricsSchema,
});
export type AllocationSolution = z.infer<typeof allocationSolutionSchema>;

/** Parameters of a reason, for the UI to fill its translated message. */
export const reasonParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.array(z.string())]),
);
export type ReasonParams = z.infer<typeof reasonParamsSchema>;

/** One reason: a code for programs, params for translations, English for logs. */
export const explainedReasonSchema = z.object({
  code: allocationReasonCodeSchema,
  params: reasonParamsSchema,
  message: z.string().min(1).max(500),
});
export type ExplainedReason = z.infer<typeof explainedReasonSchema>;

/** Why a match was made. */
export const matchExplanationSchema = z.object({
  needId: allocationKeySchema,
  source: allocationMatchSourceSchema,
  quantity: quantitySchema,
  reasons: z.array(explainedReasonSchema).min(1).max(20),
});
export type MatchExplanation = z.infer<typeof matchExplanationSchema>;

/** Why (part of) a need is unmet. */
export const shortfallExplanationSchema = z.object({
  needId: allocationKeySchema,
  districtCode: districtCodeSchema,
  quantityMissing: quantitySchema,
  reasons: z.array(explainedReasonSchema).min(1).max(20),
});
export type ShortfallExplanation = z.infer<typeof shortfallExplanationSchema>;
