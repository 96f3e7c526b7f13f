import { z } from 'zod';

import {
  countSchema,
  dateSchema,
  districtCodeSchema,
  idSchema,
  timeWindowSchema,
} from './common.js';

/** The fields of a new shift. */
export const shiftInputSchema = z.object({
  carrierId: idSchema,
  vehicleId: idSchema.optional(),
  date: dateSchema,
  window: timeWindowSchema,
  startDepotId: idSchema,
  /** Where the shift ends; the start depot when absent. */
  endDepotId: idSchema.optional(),
  /** Minutes of this shift available for Anbu stops (postal carriers on their round). */
  anbuTimeBudgetMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .optional(),
  /**
   * The district the shift serves. A district's planning run plans only the shifts of its
   * districts, so that districts planned in parallel never share a carrier; a shift without a
   * district is planned only by a whole-area run (no `districtCodes`). A day whose roster names
   * no district at all is planned with every shift by any run (and the run's notes say so).
   */
  districtCode: districtCodeSchema.optional(),
});
export type ShiftInput = z.infer<typeof shiftInputSchema>;

/** When a carrier works on a given day, and from where. */
export const shiftSchema = shiftInputSchema.extend({
  id: idSchema,
  cancelled: z.boolean().default(false),
});
export type Shift = z.infer<typeof shiftSchema>;

/** A pickup window dispatch offers to partners, with how many pickups it can still take. */
export const pickupSlotSchema = z.object({
  id: idSchema,
  date: dateSchema,
  window: timeWindowSchema,
  depotId: idSchema,
  remaining: countSchema,
});
export type PickupSlot = z.infer<typeof pickupSlotSchema>;
