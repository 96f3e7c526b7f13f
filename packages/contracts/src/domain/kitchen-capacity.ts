import { z } from 'zod';

import { countSchema, dateSchema, idSchema, storageClassSchema } from './common.js';
import { itemCategorySchema } from './item.js';

/**
 * How many meal boxes a kitchen can cook for one day: the matcher allocates it to meal-box
 * needs the way it allocates stock lots.
 */
export const kitchenCapacitySchema = z.object({
  kitchenOrganisationId: idSchema,
  /** The depot the boxes leave from (usually the kitchen itself). */
  depotId: idSchema,
  date: dateSchema,
  category: itemCategorySchema.default('meal_box'),
  storageClass: storageClassSchema.default('chilled'),
  boxes: countSchema,
  /** Boxes already promised to needs. */
  allocated: countSchema.default(0),
});
export type KitchenCapacity = z.infer<typeof kitchenCapacitySchema>;
