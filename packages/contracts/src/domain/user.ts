import { z } from 'zod';

import { roleSchema } from '../core/actor.js';
import { dateTimeSchema, districtCodeSchema, idSchema, shortText } from './common.js';

/**
 * One role a user holds, scoped to an organisation and (for caseworkers and dispatchers) to
 * districts. A user may hold several.
 */
export const roleLinkSchema = z.object({
  role: roleSchema,
  organisationId: idSchema,
  districtCodes: z.array(districtCodeSchema).max(200).default([]),
  /** The carrier record a carrier user acts as. */
  carrierId: idSchema.optional(),
});
export type RoleLink = z.infer<typeof roleLinkSchema>;

/** A sign-in name: an e-mail address or a short handle, compared case-insensitively. */
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(254)
  .regex(/^[a-z0-9._@+-]+$/, 'letters, digits and . _ @ + - only');

/** A person who signs in to Anbu (never a recipient). The password hash stays in the gateway. */
export const userSchema = z.object({
  id: idSchema,
  login: loginSchema,
  email: z.email().max(254).optional(),
  displayName: shortText(100),
  locale: z.enum(['ko', 'en']).default('ko'),
  roles: z.array(roleLinkSchema).max(50),
  active: z.boolean(),
  createdAt: dateTimeSchema,
  lastLoginAt: dateTimeSchema.optional(),
});
export type User = z.infer<typeof userSchema>;
