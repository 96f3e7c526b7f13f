import { z } from 'zod';

import { capacitySchema } from './carrier.js';
import { coordinatesSchema, dateSchema, dateTimeSchema, idSchema } from './common.js';
import { stopSchema } from './stop.js';

/** One carrier's ordered stops for a day, with its totals and the line to draw on the map. */
export const routeSchema = z.object({
  id: idSchema,
  planId: idSchema,
  date: dateSchema,
  carrierId: idSchema,
  vehicleId: idSchema.optional(),
  shiftId: idSchema.optional(),
  startDepotId: idSchema,
  stops: z.array(stopSchema).max(1000),
  /** Largest load carried at once. */
  load: capacitySchema,
  distanceMeters: z.number().int().nonnegative(),
  durationSeconds: z.number().int().nonnegative(),
  /** Straight segments or road geometry, start depot to end. */
  geometry: z.array(coordinatesSchema).max(50_000).default([]),
  /** Where the route starts and ends (depots), for re-scheduling after edits. */
  start: coordinatesSchema.optional(),
  end: coordinatesSchema.optional(),
  /** When the carrier leaves the start depot. */
  departAt: dateTimeSchema.optional(),
  /** The shift's end: ETAs past it are late. */
  shiftEnd: dateTimeSchema.optional(),
  /** Travel speed used for the route's times (the carrier kind's). */
  speedKmh: z.number().positive().max(500).optional(),
});
export type Route = z.infer<typeof routeSchema>;
