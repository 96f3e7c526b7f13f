import { z } from 'zod';

import { dateSchema, dateTimeSchema, districtCodeSchema, idSchema, shortText } from './common.js';

/** Lifecycle of a planning run. */
export const PLANNING_RUN_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;

/** Parses one of {@link PLANNING_RUN_STATUSES}. */
export const planningRunStatusSchema = z.enum(PLANNING_RUN_STATUSES);
export type PlanningRunStatus = z.infer<typeof planningRunStatusSchema>;

/** What the solver reports while it runs. */
export const planningProgressSchema = z.object({
  /** Best cost so far (solver units, lower is better). */
  bestCost: z.number().nonnegative().optional(),
  elapsedMs: z.number().int().nonnegative(),
  iterations: z.number().int().nonnegative(),
  /** Share of the time budget used, 0…1, for a progress bar. */
  fraction: z.number().min(0).max(1),
  unassigned: z.number().int().nonnegative().optional(),
  /** Routes (vehicles) used by the best plan so far. */
  vehicles: z.number().int().nonnegative().optional(),
});
export type PlanningProgress = z.infer<typeof planningProgressSchema>;

/** A request to plan a day (or some districts of a day), and how it is going. */
export const planningRunSchema = z.object({
  id: idSchema,
  date: dateSchema,
  /** Districts to plan; empty means the whole area. */
  districtCodes: z.array(districtCodeSchema).max(200),
  /** Seconds the solver may spend. */
  timeLimitSeconds: z.number().int().positive().max(3600),
  status: planningRunStatusSchema,
  progress: planningProgressSchema,
  /** The plan it produced, once succeeded. */
  planId: idSchema.optional(),
  error: shortText(1000).optional(),
  /** What the run left out while building the problem (carriers without a shift, …). */
  notes: z.array(shortText(500)).max(5000).default([]),
  attempts: z.number().int().nonnegative(),
  requestedBy: idSchema,
  createdAt: dateTimeSchema,
  startedAt: dateTimeSchema.optional(),
  finishedAt: dateTimeSchema.optional(),
});
export type PlanningRun = z.infer<typeof planningRunSchema>;
