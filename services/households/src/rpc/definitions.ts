import { z } from 'zod';

import {
  consentInputSchema,
  defineRpc,
  districtSchema,
  householdInputSchema,
  organisationSchema,
  programInputSchema,
  roleLinkSchema,
} from '@anbu/contracts';

/** One household of a bulk import, with its consent and enrolments. */
export const importedHouseholdSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  household: householdInputSchema,
  consent: consentInputSchema
    .extend({
      id: z.uuid(),
      recordedBy: z.uuid(),
      recordedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
  enrolments: z
    .array(z.object({ id: z.uuid(), programId: z.uuid(), startsOn: z.iso.date() }))
    .max(10)
    .default([]),
});

/** Largest batch of households per import call (keeps a message well under 1 MB on NATS). */
export const MAX_IMPORT_HOUSEHOLDS = 500;

/**
 * `anbu.rpc.households.import.bulk`: loads a directory and households in one call, idempotent by
 * id (existing records are left as they are). Used by the demo seed and for onboarding a city.
 */
export const importBulk = defineRpc({
  service: 'households',
  method: 'import.bulk',
  input: z.object({
    organisations: z
      .array(organisationSchema.omit({ createdAt: true, active: true }))
      .max(500)
      .default([]),
    districts: z.array(districtSchema).max(5000).default([]),
    memberships: z
      .array(roleLinkSchema.extend({ id: z.uuid(), userId: z.uuid() }))
      .max(5000)
      .default([]),
    programs: z
      .array(programInputSchema.extend({ id: z.uuid(), organisationId: z.uuid() }))
      .max(200)
      .default([]),
    households: z.array(importedHouseholdSchema).max(MAX_IMPORT_HOUSEHOLDS).default([]),
  }),
  output: z.object({
    created: z.record(z.string(), z.number().int().nonnegative()),
    existing: z.record(z.string(), z.number().int().nonnegative()),
    failed: z.array(z.object({ kind: z.string(), id: z.string(), message: z.string() })).max(5000),
  }),
});

/**
 * `anbu.rpc.households.memberships.forUser`: the roles a user holds (organisation, districts,
 * carrier). The gateway calls it at login; households owns memberships, the gateway the login.
 */
export const membershipsForUser = defineRpc({
  service: 'households',
  method: 'memberships.forUser',
  input: z.object({ userId: z.uuid() }),
  output: z.object({ memberships: z.array(roleLinkSchema).max(50) }),
});

/** `anbu.rpc.households.household.count`: how many households are stored (seed checks, health). */
export const countHouseholdsRpc = defineRpc({
  service: 'households',
  method: 'household.count',
  input: z.object({}),
  output: z.object({ total: z.number().int().nonnegative() }),
});
