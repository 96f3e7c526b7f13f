import { z } from 'zod';

import { capacitySchema } from './carrier.js';
import {
  coordinatesSchema,
  dateTimeSchema,
  idSchema,
  noteText,
  timeWindowSchema,
} from './common.js';
import { deliveryOrderKindSchema } from './delivery-order.js';
import { welfareChecklistSchema } from './visit-report.js';

/** Where a stop is in its day: planned, then reported by the carrier. */
export const STOP_STATUSES = [
  'planned',
  'arrived',
  'delivered',
  'not_home',
  'refused',
  'failed',
  'skipped',
] as const;

/** Parses one of {@link STOP_STATUSES}. */
export const stopStatusSchema = z.enum(STOP_STATUSES);
export type StopStatus = z.infer<typeof stopStatusSchema>;

/** Statuses that end a stop; the order is done (delivered) or returns to the pool (the rest). */
export const FINAL_STOP_STATUSES = [
  'delivered',
  'not_home',
  'refused',
  'failed',
  'skipped',
] as const;

/** The statuses a carrier may report from each status; final statuses move nowhere. */
export const STOP_TRANSITIONS = {
  planned: ['arrived', ...FINAL_STOP_STATUSES],
  arrived: ['delivered', 'not_home', 'refused', 'failed'],
  delivered: [],
  not_home: [],
  refused: [],
  failed: [],
  skipped: [],
} as const satisfies Record<StopStatus, readonly StopStatus[]>;

/** Whether a stop may move from `from` to `to`. */
export function canTransitionStop(from: StopStatus, to: StopStatus): boolean {
  return (STOP_TRANSITIONS[from] as readonly StopStatus[]).includes(to);
}

/** One visit of a route: an order served at a place, in sequence, with its ETA. */
export const stopSchema = z.object({
  id: idSchema,
  routeId: idSchema,
  orderId: idSchema,
  kind: deliveryOrderKindSchema,
  householdId: idSchema.optional(),
  /** 0-based position in the route. */
  sequence: z.number().int().nonnegative().max(10_000),
  eta: dateTimeSchema,
  window: timeWindowSchema.optional(),
  serviceSeconds: z
    .number()
    .int()
    .nonnegative()
    .max(4 * 3600),
  status: stopStatusSchema,
  /** Locked stops keep their route when the rest is re-planned. */
  locked: z.boolean(),
  updatedAt: dateTimeSchema,
  /** Where the stop is (the household's delivery location), for the map and re-scheduling. */
  location: coordinatesSchema.optional(),
  /** What is dropped here (deliveries), for the route's load. */
  amount: capacitySchema.optional(),
  /** Travel from the previous stop (or the start depot). */
  travelSeconds: z.number().int().nonnegative().optional(),
  travelMeters: z.number().int().nonnegative().optional(),
  /** When the carrier reported the current status (arrived, delivered, …). */
  reportedAt: dateTimeSchema.optional(),
});
export type Stop = z.infer<typeof stopSchema>;

/** What a carrier sends about a stop: the new status, when, and where they were. */
export const stopUpdateInputSchema = z.object({
  stopId: idSchema,
  status: stopStatusSchema.exclude(['planned']),
  at: dateTimeSchema,
  position: coordinatesSchema.optional(),
  note: noteText(500).optional(),
  /** The door-step welfare check, when the carrier filled it in with the update. */
  checklist: welfareChecklistSchema.optional(),
});
export type StopUpdateInput = z.infer<typeof stopUpdateInputSchema>;

/** A recorded stop update. */
export const stopUpdateSchema = stopUpdateInputSchema.extend({
  id: idSchema,
  carrierId: idSchema,
  receivedAt: dateTimeSchema,
});
export type StopUpdate = z.infer<typeof stopUpdateSchema>;
