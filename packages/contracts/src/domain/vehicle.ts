import { z } from 'zod';

import { capacitySchema } from './carrier.js';
import { idSchema, shortText } from './common.js';

/** Kinds of vehicle. */
export const VEHICLE_KINDS = ['motorbike', 'van', 'car', 'bicycle', 'on_foot', 'drone'] as const;

/** Parses one of {@link VEHICLE_KINDS}. */
export const vehicleKindSchema = z.enum(VEHICLE_KINDS);
export type VehicleKind = z.infer<typeof vehicleKindSchema>;

/** The fields of a new or updated vehicle. */
export const vehicleInputSchema = z.object({
  name: shortText(100),
  kind: vehicleKindSchema,
  plate: shortText(20).optional(),
  capacity: capacitySchema,
  depotId: idSchema,
  /** Average speed for travel-time estimates. */
  speedKmh: z.number().positive().max(200).optional(),
  /** Longest trip on one charge or tank (drones). */
  rangeKm: z.number().positive().max(2000).optional(),
  refrigerated: z.boolean().default(false),
});
export type VehicleInput = z.infer<typeof vehicleInputSchema>;

/** The fields a vehicle update may change; absent fields stay as they are. */
export const vehicleChangesSchema = vehicleInputSchema
  .extend({ refrigerated: z.boolean(), active: z.boolean() })
  .partial();
export type VehicleChanges = z.infer<typeof vehicleChangesSchema>;

/** A vehicle of an organisation. */
export const vehicleSchema = vehicleInputSchema.extend({
  id: idSchema,
  organisationId: idSchema,
  active: z.boolean(),
});
export type Vehicle = z.infer<typeof vehicleSchema>;
