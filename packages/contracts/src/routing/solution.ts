import { z } from 'zod';

import { LocationSchema } from './problem.js';

/** What happens at a step of a route. */
export const StepTypeSchema = z.enum(['start', 'job', 'pickup', 'delivery', 'break', 'end']);

/** One step of a route, with its schedule and the load on board after it. */
export const StepSchema = z.object({
  type: StepTypeSchema,
  /** Job, shipment-step or break id; absent for start and end. */
  id: z.number().int().optional(),
  location: LocationSchema.optional(),
  locationIndex: z.number().int().optional(),
  arrival: z.number(),
  serviceStart: z.number(),
  waiting: z.number(),
  service: z.number(),
  /** Load after the step, per dimension. */
  load: z.array(z.number()),
  /** Cumulative travel distance at arrival. */
  distance: z.number(),
  /** Cumulative travel duration at arrival. */
  duration: z.number(),
});

/** The planned route of one vehicle. */
export const RouteSchema = z.object({
  vehicle: z.number().int(),
  steps: z.array(StepSchema),
  cost: z.number(),
  distance: z.number(),
  duration: z.number(),
  service: z.number(),
  waiting: z.number(),
});

/** Why a task was left out, machine-readable. */
export const UnassignedReasonSchema = z.enum([
  'skill',
  'capacity',
  'time_window',
  'range',
  'max_duration',
  'max_tasks',
  'precedence',
  'no_vehicle',
]);

/** A job or shipment the plan does not serve. */
export const UnassignedSchema = z.object({
  /** Job id, or the pickup id of a shipment. */
  id: z.number().int(),
  type: z.enum(['job', 'shipment']),
  reason: UnassignedReasonSchema,
});

/** Totals of a plan. */
export const SummarySchema = z.object({
  cost: z.number(),
  vehicles: z.number().int(),
  unassigned: z.number().int(),
  distance: z.number(),
  duration: z.number(),
  service: z.number(),
  waiting: z.number(),
  iterations: z.number().int(),
  computingTimeMs: z.number(),
});

/** A routing plan: routes, left-out tasks and totals. */
export const RoutingSolutionSchema = z.object({
  routes: z.array(RouteSchema),
  unassigned: z.array(UnassignedSchema),
  summary: SummarySchema,
});

export type StepType = z.infer<typeof StepTypeSchema>;
export type Step = z.infer<typeof StepSchema>;
export type Route = z.infer<typeof RouteSchema>;
export type UnassignedReason = z.infer<typeof UnassignedReasonSchema>;
export type Unassigned = z.infer<typeof UnassignedSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type RoutingSolution = z.infer<typeof RoutingSolutionSchema>;
