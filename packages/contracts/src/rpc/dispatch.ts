import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import { carrierChangesSchema, carrierInputSchema, carrierSchema } from '../domain/carrier.js';
import {
  countSchema,
  dateSchema,
  districtCodeSchema,
  idSchema,
  pageOf,
  pageRequestSchema,
} from '../domain/common.js';
import {
  deliveryOrderKindSchema,
  deliveryOrderSchema,
  deliveryOrderStatusSchema,
} from '../domain/delivery-order.js';
import { pickupSlotSchema, shiftInputSchema, shiftSchema } from '../domain/shift.js';
import { vehicleChangesSchema, vehicleInputSchema, vehicleSchema } from '../domain/vehicle.js';

const service = 'dispatch';

/** Adds a carrier to the caller's organisation. */
export const createCarrier = defineRpc({
  service,
  method: 'carrier.create',
  kind: 'mutation',
  input: carrierInputSchema,
  output: carrierSchema,
});

/** Changes a carrier (or deactivates it). */
export const updateCarrier = defineRpc({
  service,
  method: 'carrier.update',
  kind: 'mutation',
  input: z.object({
    carrierId: idSchema,
    changes: carrierChangesSchema,
  }),
  output: carrierSchema,
});

/** Carriers, filtered. */
export const listCarriers = defineRpc({
  service,
  method: 'carrier.list',
  input: pageRequestSchema.extend({ depotId: idSchema.optional(), active: z.boolean().optional() }),
  output: pageOf(carrierSchema),
});

/** Adds a vehicle. */
export const createVehicle = defineRpc({
  service,
  method: 'vehicle.create',
  kind: 'mutation',
  input: vehicleInputSchema,
  output: vehicleSchema,
});

/** Changes a vehicle (or deactivates it). */
export const updateVehicle = defineRpc({
  service,
  method: 'vehicle.update',
  kind: 'mutation',
  input: z.object({
    vehicleId: idSchema,
    changes: vehicleChangesSchema,
  }),
  output: vehicleSchema,
});

/** Vehicles, filtered. */
export const listVehicles = defineRpc({
  service,
  method: 'vehicle.list',
  input: pageRequestSchema.extend({ depotId: idSchema.optional(), active: z.boolean().optional() }),
  output: pageOf(vehicleSchema),
});

/** Adds shifts (a roster of one or more days). */
export const createShifts = defineRpc({
  service,
  method: 'shift.create',
  kind: 'mutation',
  input: z.object({ shifts: z.array(shiftInputSchema).min(1).max(500) }),
  output: z.object({ shifts: z.array(shiftSchema).max(500) }),
});

/** Cancels a shift. */
export const cancelShift = defineRpc({
  service,
  method: 'shift.cancel',
  kind: 'mutation',
  input: z.object({ shiftId: idSchema }),
  output: shiftSchema,
});

/** Shifts of a day. */
export const listShifts = defineRpc({
  service,
  method: 'shift.list',
  input: pageRequestSchema.extend({ date: dateSchema, carrierId: idSchema.optional() }),
  output: pageOf(shiftSchema),
});

/** Pickup slots partners may book, from `from` to `to`. */
export const listPickupSlots = defineRpc({
  service,
  method: 'pickupSlot.list',
  input: z.object({ from: dateSchema, to: dateSchema, depotId: idSchema.optional() }),
  output: z.object({ items: z.array(pickupSlotSchema).max(1000) }),
});

/** Delivery orders, filtered (the pool a planning run draws from). */
export const listOrders = defineRpc({
  service,
  method: 'order.list',
  input: pageRequestSchema.extend({
    statuses: z.array(deliveryOrderStatusSchema).max(6).optional(),
    kinds: z.array(deliveryOrderKindSchema).max(3).optional(),
    districtCodes: z.array(districtCodeSchema).max(200).optional(),
    deliverBy: dateSchema.optional(),
  }),
  output: pageOf(deliveryOrderSchema),
});

/** Loads carriers, vehicles, shifts and delivery orders, idempotent by id: demo seed, onboarding. */
export const importDispatchBulk = defineRpc({
  service,
  method: 'import.bulk',
  kind: 'mutation',
  input: z.object({
    vehicles: z.array(vehicleSchema).max(5000).default([]),
    carriers: z.array(carrierSchema).max(5000).default([]),
    shifts: z.array(shiftSchema).max(50_000).default([]),
    orders: z.array(deliveryOrderSchema).max(50_000).default([]),
  }),
  output: z.object({
    created: z.record(z.enum(['vehicles', 'carriers', 'shifts', 'orders']), countSchema),
    existing: z.record(z.enum(['vehicles', 'carriers', 'shifts', 'orders']), countSchema),
  }),
});

/** Every fleet and order RPC of the dispatch service (planning is in `dispatch-planning.ts`). */
export const DISPATCH_FLEET_RPCS = [
  createCarrier,
  updateCarrier,
  listCarriers,
  createVehicle,
  updateVehicle,
  listVehicles,
  createShifts,
  cancelShift,
  listShifts,
  listPickupSlots,
  listOrders,
  importDispatchBulk,
] as const;
