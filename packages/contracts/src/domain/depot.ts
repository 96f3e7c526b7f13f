import { z } from 'zod';

import {
  coordinatesSchema,
  countSchema,
  districtCodeSchema,
  idSchema,
  shortText,
  storageClassSchema,
} from './common.js';

/** A place where goods are stocked and routes start: a food bank, a kitchen, a post office. */
export const depotSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  name: shortText(),
  address: shortText(),
  location: coordinatesSchema,
  districtCode: districtCodeSchema,
  /** Storage classes the depot can hold. */
  storageClasses: z.array(storageClassSchema).min(1).max(3),
  /** Capacity in boxes per storage class, when limited. */
  capacityBoxes: z.partialRecord(storageClassSchema, countSchema).default({}),
  active: z.boolean(),
});
export type Depot = z.infer<typeof depotSchema>;
