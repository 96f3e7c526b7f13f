import { z } from 'zod';

import { defineEvent } from '../core/envelope.js';
import { allocationSourceSchema } from '../domain/allocation.js';
import {
  dateSchema,
  districtCodeSchema,
  idSchema,
  quantitySchema,
  storageClassSchema,
} from '../domain/common.js';
import { deliveryOrderKindSchema } from '../domain/delivery-order.js';
import { itemLineSchema } from '../domain/item.js';

/** Stock (or kitchen capacity) was promised to a need. */
export const allocationMade = defineEvent({
  service: 'matching',
  entity: 'allocation',
  event: 'made',
  version: 1,
  data: z.object({
    allocationId: idSchema,
    runId: idSchema,
    needId: idSchema,
    householdId: idSchema,
    source: allocationSourceSchema,
    quantity: quantitySchema,
  }),
});

/**
 * An allocation was given back (its need was cancelled, its lot expired, its delivery failed for
 * good, or donations refused it because its lot could not hold the units: `lot_unavailable`).
 */
export const allocationReleased = defineEvent({
  service: 'matching',
  entity: 'allocation',
  event: 'released',
  version: 1,
  data: z.object({
    allocationId: idSchema,
    needId: idSchema,
    source: allocationSourceSchema,
    quantity: quantitySchema,
    reason: z.enum([
      'need_cancelled',
      'delivery_failed',
      'lot_expired',
      'by_dispatcher',
      'lot_unavailable',
    ]),
  }),
});

/** What goes from which depot to which household by when: dispatch plans it. */
export const deliveryOrdered = defineEvent({
  service: 'matching',
  entity: 'delivery',
  event: 'ordered',
  version: 1,
  data: z.object({
    orderId: idSchema,
    kind: deliveryOrderKindSchema,
    householdId: idSchema.optional(),
    donationId: idSchema.optional(),
    districtCode: districtCodeSchema,
    depotId: idSchema.optional(),
    needIds: z.array(idSchema).max(50),
    allocations: z
      .array(
        z.object({ allocationId: idSchema, lotId: idSchema.optional(), quantity: quantitySchema }),
      )
      .max(50),
    items: z.array(itemLineSchema).max(50),
    storageClass: storageClassSchema,
    deliverBy: dateSchema,
    priority: z.number().int().min(0).max(100),
  }),
});

/**
 * An order is no longer wanted (its need was cancelled): dispatch cancels it while it is still
 * open; planned or published orders are left to the dispatcher and the carrier.
 */
export const deliveryWithdrawn = defineEvent({
  service: 'matching',
  entity: 'delivery',
  event: 'withdrawn',
  version: 1,
  data: z.object({
    orderId: idSchema,
    needIds: z.array(idSchema).max(50),
    reason: z.enum(['need_cancelled']),
  }),
});

/** Every event the matching service emits. */
export const MATCHING_EVENTS = [
  allocationMade,
  allocationReleased,
  deliveryOrdered,
  deliveryWithdrawn,
] as const;
