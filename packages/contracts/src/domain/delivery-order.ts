import { z } from 'zod';

import {
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  storageClassSchema,
  timeWindowSchema,
} from './common.js';
import { itemLineSchema } from './item.js';

/** A delivery to a household, a pickup of a donation, or a welfare visit without goods. */
export const DELIVERY_ORDER_KINDS = ['delivery', 'pickup', 'visit'] as const;

/** Parses one of {@link DELIVERY_ORDER_KINDS}. */
export const deliveryOrderKindSchema = z.enum(DELIVERY_ORDER_KINDS);
export type DeliveryOrderKind = z.infer<typeof deliveryOrderKindSchema>;

/** Lifecycle of an order: not delivered returns it to `open` for the next plan. */
export const DELIVERY_ORDER_STATUSES = [
  'open',
  'planned',
  'published',
  'done',
  'failed',
  'cancelled',
] as const;

/** Parses one of {@link DELIVERY_ORDER_STATUSES}. */
export const deliveryOrderStatusSchema = z.enum(DELIVERY_ORDER_STATUSES);
export type DeliveryOrderStatus = z.infer<typeof deliveryOrderStatusSchema>;

/**
 * Goods to move from a depot to a household by a date (or a donation to pick up, or a visit).
 * Carries ids only: dispatch asks households for the location when it plans.
 */
export const deliveryOrderSchema = z.object({
  id: idSchema,
  kind: deliveryOrderKindSchema,
  /** The household for deliveries and visits. */
  householdId: idSchema.optional(),
  /** The donation for pickups. */
  donationId: idSchema.optional(),
  districtCode: districtCodeSchema,
  /** Where the goods start (deliveries) or end (pickups). */
  depotId: idSchema.optional(),
  needIds: z.array(idSchema).max(50).default([]),
  allocationIds: z.array(idSchema).max(50).default([]),
  items: z.array(itemLineSchema).max(50).default([]),
  storageClass: storageClassSchema.default('ambient'),
  deliverBy: dateSchema,
  window: timeWindowSchema.optional(),
  /** 0 (routine) … 100 (most urgent): who is left out last when capacity runs short. */
  priority: z.number().int().min(0).max(100).default(0),
  status: deliveryOrderStatusSchema,
  attempts: z.number().int().nonnegative().default(0),
  createdAt: dateTimeSchema,
});
export type DeliveryOrder = z.infer<typeof deliveryOrderSchema>;
