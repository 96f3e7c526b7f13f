import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import {
  coordinatesSchema,
  dailyWindowSchema,
  districtCodeSchema,
  idSchema,
  noteText,
  pageOf,
  pageRequestSchema,
} from '../domain/common.js';
import { consentInputSchema, consentSchema } from '../domain/consent.js';
import {
  ALLERGENS,
  allergenSchema,
  DIETARY_TAGS,
  dietaryTagSchema,
  householdChangesSchema,
  householdInputSchema,
  householdPublicSchema,
  householdSchema,
  householdTypeSchema,
  riskLevelSchema,
} from '../domain/household.js';

const service = 'households';

/**
 * Registers a household. `consent`, when given, is recorded with it in one transaction; a
 * `careNotes` (health and circumstances) needs it with the `sensitive_data` scope, or the
 * registration is refused naming `careNotes`. Consent may also be recorded later.
 */
export const registerHousehold = defineRpc({
  service,
  method: 'household.register',
  kind: 'mutation',
  input: householdInputSchema.extend({ consent: consentInputSchema.optional() }),
  output: householdSchema,
});

/** Changes some fields of a household; fails with CONFLICT if `expectedVersion` is stale. */
export const updateHousehold = defineRpc({
  service,
  method: 'household.update',
  kind: 'mutation',
  input: z.object({
    householdId: idSchema,
    expectedVersion: z.number().int().positive(),
    changes: householdChangesSchema,
  }),
  output: householdSchema,
});

/** One household with its sensitive fields (audited; scoped to the caller's districts). */
export const getHousehold = defineRpc({
  service,
  method: 'household.get',
  input: z.object({ householdId: idSchema }),
  output: householdSchema,
});

/** Households of some districts, without sensitive fields. */
export const listHouseholds = defineRpc({
  service,
  method: 'household.list',
  input: pageRequestSchema.extend({
    districtCodes: z.array(districtCodeSchema).min(1).max(200),
    types: z.array(householdTypeSchema).max(20).optional(),
    riskLevels: z.array(riskLevelSchema).max(4).optional(),
    status: z.enum(['active', 'inactive']).optional(),
  }),
  output: pageOf(householdPublicSchema),
});

/** Where and when to deliver, for dispatch planning (service-to-service; audited). */
export const deliveryProfileSchema = z.object({
  householdId: idSchema,
  districtCode: districtCodeSchema,
  location: coordinatesSchema,
  preferredWindow: dailyWindowSchema.optional(),
});
/** Delivery profiles of households (dispatch planning). */
export const getDeliveryProfiles = defineRpc({
  service,
  method: 'household.deliveryProfiles',
  input: z.object({ householdIds: z.array(idSchema).min(1).max(5000) }),
  output: z.object({ profiles: z.array(deliveryProfileSchema).max(5000) }),
});

/** What the matcher weighs for a household (service-to-service; audited). */
export const matchingProfileSchema = z.object({
  householdId: idSchema,
  districtCode: districtCodeSchema,
  type: householdTypeSchema,
  riskLevel: riskLevelSchema,
  memberCount: z.number().int().min(1).max(30),
  dietaryTags: z.array(dietaryTagSchema).max(DIETARY_TAGS.length),
  allergens: z.array(allergenSchema).max(ALLERGENS.length),
  /** For the distance from the depot. */
  location: coordinatesSchema,
});
/** Matching profiles of households (the matcher). */
export const getMatchingProfiles = defineRpc({
  service,
  method: 'household.matchingProfiles',
  input: z.object({ householdIds: z.array(idSchema).min(1).max(5000) }),
  output: z.object({ profiles: z.array(matchingProfileSchema).max(5000) }),
});

/** Records a household's consent. */
export const recordConsent = defineRpc({
  service,
  method: 'consent.record',
  kind: 'mutation',
  input: consentInputSchema.extend({ householdId: idSchema }),
  output: consentSchema,
});

/** Withdraws a consent: ends enrolments, cancels open needs (`need.cancelled`). */
export const withdrawConsent = defineRpc({
  service,
  method: 'consent.withdraw',
  kind: 'mutation',
  input: z.object({ consentId: idSchema, note: noteText(500).optional() }),
  output: z.object({
    consent: consentSchema,
    endedEnrolmentIds: z.array(idSchema),
    cancelledNeedIds: z.array(idSchema),
  }),
});

/** The consents of a household, newest first. */
export const listConsents = defineRpc({
  service,
  method: 'consent.list',
  input: z.object({ householdId: idSchema }),
  output: z.object({ items: z.array(consentSchema).max(100) }),
});

/** Every household and consent RPC of the households service. */
export const HOUSEHOLDS_RPCS = [
  registerHousehold,
  updateHousehold,
  getHousehold,
  listHouseholds,
  getDeliveryProfiles,
  getMatchingProfiles,
  recordConsent,
  withdrawConsent,
  listConsents,
] as const;
