import { z } from 'zod';

import { dateSchema, dateTimeSchema, idSchema, noteText } from './common.js';

/** What a recipient consents to. Enrolment needs at least `delivery`. */
export const CONSENT_SCOPES = ['delivery', 'sensitive_data', 'data_sharing'] as const;

/** Parses one of {@link CONSENT_SCOPES}. */
export const consentScopeSchema = z.enum(CONSENT_SCOPES);
export type ConsentScope = z.infer<typeof consentScopeSchema>;

/** How consent was given. */
export const CONSENT_METHODS = ['written', 'verbal', 'digital', 'guardian'] as const;

/** Parses one of {@link CONSENT_METHODS}. */
export const consentMethodSchema = z.enum(CONSENT_METHODS);
export type ConsentMethod = z.infer<typeof consentMethodSchema>;

const scopesSchema = z
  .array(consentScopeSchema)
  .min(1)
  .max(CONSENT_SCOPES.length)
  .refine((scopes) => new Set(scopes).size === scopes.length, 'scopes must not repeat');

/** The consent fields a caseworker records. */
export const consentInputSchema = z.object({
  scopes: scopesSchema,
  givenOn: dateSchema,
  method: consentMethodSchema,
  note: noteText(500).optional(),
});
export type ConsentInput = z.infer<typeof consentInputSchema>;

/** A recorded consent of a household; withdrawing it ends enrolments and future needs. */
export const consentSchema = consentInputSchema.extend({
  id: idSchema,
  householdId: idSchema,
  /** The user who recorded it. */
  recordedBy: idSchema,
  recordedAt: dateTimeSchema,
  withdrawnAt: dateTimeSchema.optional(),
  withdrawnBy: idSchema.optional(),
});
export type Consent = z.infer<typeof consentSchema>;
