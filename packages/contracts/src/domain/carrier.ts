import { z } from 'zod';

import { countSchema, idSchema, shortText, weightKgSchema } from './common.js';

/** How a carrier travels. */
export const CARRIER_KINDS = [
  'postal_motorbike',
  'van',
  'car',
  'walking_volunteer',
  'drone',
] as const;

/** Parses one of {@link CARRIER_KINDS}. */
export const carrierKindSchema = z.enum(CARRIER_KINDS);
export type CarrierKind = z.infer<typeof carrierKindSchema>;

/** What a carrier is trained or equipped for; stops may require some. */
export const CARRIER_SKILLS = [
  'chilled',
  'frozen',
  'welfare_check',
  'heavy_items',
  'island',
  'sign_language',
] as const;

/** Parses one of {@link CARRIER_SKILLS}. */
export const carrierSkillSchema = z.enum(CARRIER_SKILLS);
export type CarrierSkill = z.infer<typeof carrierSkillSchema>;

/** Load capacity in several dimensions. */
export const capacitySchema = z.object({
  boxes: countSchema,
  kg: weightKgSchema,
  /** Boxes that can be kept chilled or frozen. */
  chilledBoxes: countSchema.default(0),
});
export type Capacity = z.infer<typeof capacitySchema>;

/** The fields of a new or updated carrier. */
export const carrierInputSchema = z.object({
  /** Display name (a person's name, shown to dispatchers only). */
  name: shortText(100),
  kind: carrierKindSchema,
  capacity: capacitySchema,
  homeDepotId: idSchema,
  skills: z.array(carrierSkillSchema).max(CARRIER_SKILLS.length).default([]),
  /** Postal carriers doing Anbu stops on top of their round: minutes per shift for Anbu. */
  anbuTimeBudgetMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .optional(),
  /** The signed-in user who works as this carrier. */
  userId: idSchema.optional(),
  /** Their usual vehicle. */
  vehicleId: idSchema.optional(),
});
export type CarrierInput = z.infer<typeof carrierInputSchema>;

/** The fields a carrier update may change; absent fields stay as they are. */
export const carrierChangesSchema = carrierInputSchema
  .extend({
    skills: z.array(carrierSkillSchema).max(CARRIER_SKILLS.length),
    active: z.boolean(),
  })
  .partial();
export type CarrierChanges = z.infer<typeof carrierChangesSchema>;

/** A postal carrier, volunteer, driver or drone operator who delivers and checks in. */
export const carrierSchema = carrierInputSchema.extend({
  id: idSchema,
  organisationId: idSchema,
  active: z.boolean(),
});
export type Carrier = z.infer<typeof carrierSchema>;
