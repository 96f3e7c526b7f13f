import { z } from 'zod';

import { coordinatesSchema, districtCodeSchema, idSchema, shortText } from './common.js';

/** A neighbourhood (읍면동), the unit of caseworker responsibility and planning. */
export const districtSchema = z.object({
  code: districtCodeSchema,
  nameKo: shortText(100),
  nameEn: shortText(100),
  /** The welfare office (행정복지센터) of the district. */
  welfareOfficeId: idSchema.optional(),
  centre: coordinatesSchema.optional(),
});
export type District = z.infer<typeof districtSchema>;
