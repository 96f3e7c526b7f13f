import { z } from 'zod';

import { quantitySchema, shortText, weightKgSchema } from './common.js';

/** What goods are, coarse enough to match needs to stock. */
export const ITEM_CATEGORIES = [
  'meal_box',
  'side_dishes',
  'necessity_kit',
  'check_in_drop',
  'rice_grain',
  'instant_food',
  'dry_food',
  'fresh_food',
  'frozen_food',
  'dairy',
  'beverage',
  'hygiene',
  'bedding',
  'clothing',
  'furniture',
  'appliance',
  'heating',
  'welfare_visit',
  'other',
] as const;

/** Parses one of {@link ITEM_CATEGORIES}. */
export const itemCategorySchema = z.enum(ITEM_CATEGORIES);
export type ItemCategory = z.infer<typeof itemCategorySchema>;

/** How a quantity is counted. */
export const ITEM_UNITS = [
  'box',
  'kit',
  'piece',
  'pack',
  'bag',
  'bottle',
  'set',
  'kg',
  'visit',
] as const;

/** Parses one of {@link ITEM_UNITS}. */
export const itemUnitSchema = z.enum(ITEM_UNITS);
export type ItemUnit = z.infer<typeof itemUnitSchema>;

/** One line of goods: what, how many, in which unit, and optionally how heavy in total. */
export const itemLineSchema = z.object({
  category: itemCategorySchema,
  description: shortText().optional(),
  quantity: quantitySchema,
  unit: itemUnitSchema,
  weightKg: weightKgSchema.optional(),
});
export type ItemLine = z.infer<typeof itemLineSchema>;
