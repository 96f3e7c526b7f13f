import { z } from 'zod';

import {
  coordinatesSchema,
  dailyWindowSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  noteText,
  shortText,
} from './common.js';

/** Who lives in the household, as welfare programs classify it. */
export const HOUSEHOLD_TYPES = [
  'elderly_alone',
  'elderly_couple',
  'middle_aged_alone',
  'young_alone',
  'child_headed',
  'single_parent',
  'multi_child',
  'disability',
  'crisis',
  'other',
] as const;

/** Parses one of {@link HOUSEHOLD_TYPES}. */
export const householdTypeSchema = z.enum(HOUSEHOLD_TYPES);
export type HouseholdType = z.infer<typeof householdTypeSchema>;

/** How urgently the household needs attention; drives priority in matching and alerts. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/** Parses one of {@link RISK_LEVELS}. */
export const riskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** Structured dietary constraints the matcher and kitchens act on. */
export const DIETARY_TAGS = [
  'soft_food',
  'diabetic',
  'low_salt',
  'vegetarian',
  'no_pork',
  'halal',
  'infant',
  'no_spicy',
] as const;

/** Parses one of {@link DIETARY_TAGS}. */
export const dietaryTagSchema = z.enum(DIETARY_TAGS);
export type DietaryTag = z.infer<typeof dietaryTagSchema>;

/** Allergens as labelled on Korean food (the common ones). */
export const ALLERGENS = [
  'peanut',
  'tree_nut',
  'egg',
  'milk',
  'wheat',
  'buckwheat',
  'soy',
  'fish',
  'shellfish',
  'crustacean',
  'pork',
  'beef',
  'chicken',
  'peach',
  'tomato',
  'sesame',
] as const;

/** Parses one of {@link ALLERGENS}. */
export const allergenSchema = z.enum(ALLERGENS);
export type Allergen = z.infer<typeof allergenSchema>;

/** A postal address (도로명 주소 plus the unit). */
export const addressSchema = z.object({
  road: shortText(),
  detail: shortText().optional(),
  postalCode: z
    .string()
    .regex(/^\d{5}$/, 'expected a 5-digit postal code')
    .optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** How to reach the household (the recipient or a guardian). */
export const contactSchema = z.object({
  name: shortText(100),
  phone: z.string().regex(/^\+?[0-9][0-9 -]{6,19}$/, 'invalid phone number'),
  relation: z.enum(['self', 'family', 'guardian', 'neighbour', 'other']).default('self'),
});
export type Contact = z.infer<typeof contactSchema>;

/** The fields a caseworker enters when registering or updating a household. */
export const householdInputSchema = z.object({
  /** The recipient's name. */
  name: shortText(100),
  districtCode: districtCodeSchema,
  type: householdTypeSchema,
  riskLevel: riskLevelSchema,
  memberCount: z.number().int().min(1).max(30),
  address: addressSchema,
  location: coordinatesSchema,
  contact: contactSchema,
  dietaryTags: z.array(dietaryTagSchema).max(DIETARY_TAGS.length).default([]),
  allergens: z.array(allergenSchema).max(ALLERGENS.length).default([]),
  dietaryNotes: noteText(500).optional(),
  /** How to reach the door: stairs, door code, a dog, hearing difficulty… */
  accessNotes: noteText(500).optional(),
  /** Caseworker's notes on health and circumstances. */
  careNotes: noteText().optional(),
  preferredWindow: dailyWindowSchema.optional(),
  caseworkerId: idSchema.optional(),
});
export type HouseholdInput = z.infer<typeof householdInputSchema>;

/**
 * The fields a household update may change; absent fields stay as they are (no defaults, unlike
 * {@link householdInputSchema}).
 */
export const householdChangesSchema = householdInputSchema
  .extend({
    dietaryTags: z.array(dietaryTagSchema).max(DIETARY_TAGS.length),
    allergens: z.array(allergenSchema).max(ALLERGENS.length),
  })
  .partial();
export type HouseholdChanges = z.infer<typeof householdChangesSchema>;

/** A household that receives deliveries and welfare checks. */
export const householdSchema = householdInputSchema.extend({
  id: idSchema,
  /** The welfare office or organisation that registered it. */
  organisationId: idSchema,
  status: z.enum(['active', 'inactive']),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  /** Optimistic-concurrency version, incremented on every update. */
  version: z.number().int().positive(),
});
export type Household = z.infer<typeof householdSchema>;

/**
 * Fields that are personal data under PIPA: encrypted at rest, never in events, shown only to
 * the caseworkers of the district and to the carrier of today's stop, and audited on every read.
 */
export const SENSITIVE_HOUSEHOLD_FIELDS = [
  'name',
  'address',
  'location',
  'contact',
  'dietaryNotes',
  'accessNotes',
  'careNotes',
] as const satisfies readonly (keyof Household)[];
export type SensitiveHouseholdField = (typeof SENSITIVE_HOUSEHOLD_FIELDS)[number];

/** A household without its {@link SENSITIVE_HOUSEHOLD_FIELDS}, for lists, maps and reports. */
export const householdPublicSchema = householdSchema.omit({
  name: true,
  address: true,
  location: true,
  contact: true,
  dietaryNotes: true,
  accessNotes: true,
  careNotes: true,
});
export type HouseholdPublic = z.infer<typeof householdPublicSchema>;

/** Removes every sensitive field of a household (a copy; the argument is untouched). */
export function redactHousehold(household: Household): HouseholdPublic {
  return householdPublicSchema.parse(household);
}
