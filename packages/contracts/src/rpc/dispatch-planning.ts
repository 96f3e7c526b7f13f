import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import {
  coordinatesSchema,
  dateSchema,
  districtCodeSchema,
  idSchema,
  noteText,
} from '../domain/common.js';
import { deliveryOrderSchema, deliveryOrderStatusSchema } from '../domain/delivery-order.js';
import { addressSchema, contactSchema } from '../domain/household.js';
import { planSchema } from '../domain/plan.js';
import { planningRunSchema } from '../domain/planning-run.js';
import { routeSchema } from '../domain/route.js';
import { stopSchema, stopUpdateInputSchema } from '../domain/stop.js';

const service = 'dispatch';

/**
 * Starts planning a day (or some districts of it) from the open orders. Answers at once with
 * the queued run; follow it with {@link getPlanningRun}. With `basePlanId`, locked stops of that
 * plan keep their place and the rest is re-planned.
 */
export const startPlanningRun = defineRpc({
  service,
  method: 'planning.start',
  kind: 'mutation',
  input: z.object({
    date: dateSchema,
    districtCodes: z.array(districtCodeSchema).max(200).default([]),
    timeLimitSeconds: z.number().int().positive().max(3600).default(30),
    basePlanId: idSchema.optional(),
  }),
  output: planningRunSchema,
});

/** A planning run's status and progress (best cost, elapsed, iterations). */
export const getPlanningRun = defineRpc({
  service,
  method: 'planning.get',
  input: z.object({ runId: idSchema }),
  output: planningRunSchema,
});

/** Cancels a queued or running planning run. */
export const cancelPlanningRun = defineRpc({
  service,
  method: 'planning.cancel',
  kind: 'mutation',
  input: z.object({ runId: idSchema }),
  output: planningRunSchema,
});

/** A plan with its routes, stops and unassigned orders. */
export const getPlan = defineRpc({
  service,
  method: 'plan.get',
  input: z.object({ planId: idSchema }),
  output: planSchema,
});

/** The published plan of a day, if any. */
export const getPublishedPlan = defineRpc({
  service,
  method: 'plan.published',
  input: z.object({ date: dateSchema }),
  output: z.object({ plan: planSchema.optional() }),
});

const planEdit = z.object({
  planId: idSchema,
  /** The plan version the edit was made on; a stale one fails with CONFLICT. */
  expectedVersion: z.number().int().positive(),
});

/**
 * Moves a stop to another route (or another position of its own), recomputing ETAs, load and
 * distance of the routes it leaves and joins. Without `toRouteId` the stop is taken off its
 * route and its order listed as unassigned (`reason: 'dispatcher'`). Without `toSequence` it
 * goes last.
 */
export const moveStop = defineRpc({
  service,
  method: 'plan.moveStop',
  kind: 'mutation',
  input: planEdit.extend({
    stopId: idSchema,
    toRouteId: idSchema.optional(),
    toSequence: z.number().int().nonnegative().max(10_000).optional(),
  }),
  output: planSchema,
});

/** Locks (or unlocks) a stop so that re-planning keeps it where it is. */
export const lockStop = defineRpc({
  service,
  method: 'plan.lockStop',
  kind: 'mutation',
  input: planEdit.extend({ stopId: idSchema, locked: z.boolean() }),
  output: planSchema,
});

/** Publishes a draft plan: `plan.published`; each carrier then sees their route. */
export const publishPlan = defineRpc({
  service,
  method: 'plan.publish',
  kind: 'mutation',
  input: planEdit,
  output: planSchema,
});

/**
 * What a carrier sees of a household at one of today's stops, and nothing more: the gateway
 * audits each read.
 */
export const stopRecipientSchema = z.object({
  householdId: idSchema,
  name: z.string().max(100),
  address: addressSchema,
  contact: contactSchema.optional(),
  accessNotes: noteText(500).optional(),
});

/** A carrier's own stop, with the recipient details needed to deliver it. */
export const carrierStopSchema = stopSchema.extend({ recipient: stopRecipientSchema.optional() });

/** The caller's (a carrier's) route of a day in the published plan. */
export const getMyRoute = defineRpc({
  service,
  method: 'route.mine',
  input: z.object({
    date: dateSchema,
    /**
     * `false`: the stops without their recipients (no household is read), e.g. to check that a
     * stop is on the caller's route. Default: with recipients.
     */
    recipients: z.boolean().optional(),
  }),
  output: z.object({
    route: routeSchema.extend({ stops: z.array(carrierStopSchema).max(1000) }).optional(),
  }),
});

/** A carrier reports a stop: `stop.updated`; ETAs of the rest of the route are recomputed. */
export const updateStop = defineRpc({
  service,
  method: 'stop.update',
  kind: 'mutation',
  input: stopUpdateInputSchema,
  output: z.object({ stop: stopSchema, route: routeSchema }),
});

/** The fields of a new delivery order (dispatchers, imports; matching sends `delivery.ordered`). */
export const deliveryOrderInputSchema = deliveryOrderSchema.omit({
  id: true,
  status: true,
  attempts: true,
  createdAt: true,
});

/** Adds a delivery order to the pool planning draws from (idempotent by `Idempotency-Key`). */
export const createOrder = defineRpc({
  service,
  method: 'order.create',
  kind: 'mutation',
  input: deliveryOrderInputSchema,
  output: deliveryOrderSchema,
});

/** Most orders one {@link listOrdersOnMap} page carries (a day's pool fits in a few pages). */
export const MAX_MAP_ORDERS = 5000;

/** An order as the dispatcher's map shows it: ids and where it goes, no names or addresses. */
export const orderOnMapSchema = deliveryOrderSchema
  .pick({
    id: true,
    kind: true,
    householdId: true,
    districtCode: true,
    status: true,
    deliverBy: true,
    window: true,
    priority: true,
    storageClass: true,
    attempts: true,
  })
  .extend({
    /** The household's delivery location (absent when households has none). */
    location: coordinatesSchema.optional(),
  });

/** Orders with their map location, for the dispatcher's map (open ones by default). */
export const listOrdersOnMap = defineRpc({
  service,
  method: 'order.map',
  input: z.object({
    statuses: z.array(deliveryOrderStatusSchema).min(1).max(6).default(['open']),
    districtCodes: z.array(districtCodeSchema).max(200).default([]),
    /** Orders due by this day (inclusive); absent means any. */
    deliverBy: dateSchema.optional(),
    cursor: z.string().min(1).max(500).optional(),
    limit: z.number().int().positive().max(MAX_MAP_ORDERS).default(1000),
  }),
  output: z.object({
    items: z.array(orderOnMapSchema).max(MAX_MAP_ORDERS),
    nextCursor: z.string().max(500).optional(),
  }),
});

/** Every planning and route RPC of the dispatch service. */
export const DISPATCH_PLANNING_RPCS = [
  createOrder,
  listOrdersOnMap,
  startPlanningRun,
  getPlanningRun,
  cancelPlanningRun,
  getPlan,
  getPublishedPlan,
  moveStop,
  lockStop,
  publishPlan,
  getMyRoute,
  updateStop,
] as const;
