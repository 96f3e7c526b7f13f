import { z } from 'zod';

import { defineEvent } from '../core/envelope.js';
import {
  coordinatesSchema,
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
} from '../domain/common.js';
import { deliveryOrderKindSchema } from '../domain/delivery-order.js';
import { stopStatusSchema } from '../domain/stop.js';
import { welfareChecklistSchema } from '../domain/visit-report.js';

/** A plan was published: each carrier now sees their route. */
export const planPublished = defineEvent({
  service: 'dispatch',
  entity: 'plan',
  event: 'published',
  version: 1,
  data: z.object({
    planId: idSchema,
    date: dateSchema,
    /** The plan it replaces, if any. */
    supersedesPlanId: idSchema.optional(),
    routes: z
      .array(
        z.object({
          routeId: idSchema,
          carrierId: idSchema,
          orderIds: z.array(idSchema).max(1000),
          /** The route's stops in order: which stop serves which order and household. */
          stops: z
            .array(
              z.object({
                stopId: idSchema,
                orderId: idSchema,
                householdId: idSchema.optional(),
              }),
            )
            .max(1000)
            .default([]),
        }),
      )
      .max(1000),
    unassignedOrderIds: z.array(idSchema).max(100_000),
  }),
});

/** A carrier reported a stop (arrived, delivered, not home, refused…). */
export const stopUpdated = defineEvent({
  service: 'dispatch',
  entity: 'stop',
  event: 'updated',
  version: 1,
  data: z.object({
    stopId: idSchema,
    routeId: idSchema,
    orderId: idSchema,
    kind: deliveryOrderKindSchema,
    householdId: idSchema.optional(),
    donationId: idSchema.optional(),
    carrierId: idSchema,
    status: stopStatusSchema,
    at: dateTimeSchema,
    /** Where the carrier was when reporting. */
    position: coordinatesSchema.optional(),
    /** The order's district (alerts go to its caseworkers). */
    districtCode: districtCodeSchema.optional(),
    /** The route's day (Asia/Seoul). */
    date: dateSchema.optional(),
    /** True when the order goes back to the pool for the next plan. */
    returnedToPool: z.boolean(),
    /** The door-step welfare check the carrier filled in with the update (care draws alerts). */
    checklist: welfareChecklistSchema.optional(),
  }),
});

/** Every event the dispatch service emits. */
export const DISPATCH_EVENTS = [planPublished, stopUpdated] as const;
