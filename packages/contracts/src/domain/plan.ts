import { z } from 'zod';

import { dateSchema, dateTimeSchema, idSchema, shortText } from './common.js';
import { routeSchema } from './route.js';

/** Lifecycle of a plan: edited as a draft, published to carriers, replaced by a newer one. */
export const PLAN_STATUSES = ['draft', 'published', 'superseded'] as const;

/** Parses one of {@link PLAN_STATUSES}. */
export const planStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof planStatusSchema>;

/**
 * An order the plan could not serve, and why: the solver's reasons (`UnassignedReasonSchema` of
 * `@anbu/contracts/routing`: `capacity`, `time_window`, `skill`…) or dispatch's own
 * (`no_location`, …).
 */
export const unassignedOrderSchema = z.object({
  orderId: idSchema,
  reason: z.string().regex(/^[a-z_]{1,40}$/),
  message: shortText(500),
});
export type UnassignedOrder = z.infer<typeof unassignedOrderSchema>;

/** The routes of one day (or some districts of it) produced by a planning run. */
export const planSchema = z.object({
  id: idSchema,
  runId: idSchema,
  date: dateSchema,
  status: planStatusSchema,
  routes: z.array(routeSchema).max(1000),
  unassigned: z.array(unassignedOrderSchema).max(100_000),
  totalDistanceMeters: z.number().int().nonnegative(),
  totalDurationSeconds: z.number().int().nonnegative(),
  /** Incremented by each dispatcher edit; edits name the version they apply to. */
  version: z.number().int().positive(),
  createdAt: dateTimeSchema,
  publishedAt: dateTimeSchema.optional(),
  publishedBy: idSchema.optional(),
});
export type Plan = z.infer<typeof planSchema>;
