import { z } from 'zod';

import { dateTimeSchema, districtCodeSchema, idSchema, shortText } from './common.js';

/** The kinds of organisation that take part in Anbu. */
export const ORGANISATION_KINDS = [
  'city',
  'welfare_office',
  'ngo',
  'kitchen',
  'post_office',
  'food_bank',
  'business',
  'religious',
  'community_council',
  'other',
] as const;

/** Parses one of {@link ORGANISATION_KINDS}. */
export const organisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

/** A city, a welfare office, a partner NGO, a kitchen, a post office… */
export const organisationSchema = z.object({
  id: idSchema,
  name: shortText(),
  kind: organisationKindSchema,
  /** Districts the organisation works in (a welfare office: its own 읍면동). */
  districtCodes: z.array(districtCodeSchema).max(500),
  contactEmail: z.email().max(254).optional(),
  contactPhone: shortText(40).optional(),
  active: z.boolean(),
  createdAt: dateTimeSchema,
});
export type Organisation = z.infer<typeof organisationSchema>;
