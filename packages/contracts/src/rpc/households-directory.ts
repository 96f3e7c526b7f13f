import { z } from 'zod';

import { roleSchema } from '../core/actor.js';
import { defineRpc } from '../core/rpc.js';
import {
  countSchema,
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  pageOf,
  pageRequestSchema,
  shortText,
} from '../domain/common.js';
import { consentInputSchema } from '../domain/consent.js';
import { districtSchema } from '../domain/district.js';
import { householdInputSchema } from '../domain/household.js';
import { organisationKindSchema, organisationSchema } from '../domain/organisation.js';
import { programInputSchema } from '../domain/program.js';
import { roleLinkSchema } from '../domain/user.js';

const service = 'households';

/** Organisations, optionally of some kinds. */
export const listOrganisations = defineRpc({
  service,
  method: 'organisation.list',
  input: pageRequestSchema.extend({ kinds: z.array(organisationKindSchema).max(10).optional() }),
  output: pageOf(organisationSchema),
});

/** Every district (읍면동) of the area. */
export const listDistricts = defineRpc({
  service,
  method: 'district.list',
  input: z.object({}),
  output: z.object({ items: z.array(districtSchema).max(5000) }),
});

/**
 * The roles a user holds (organisation, districts, carrier). The gateway calls it at sign-in:
 * households owns memberships, the gateway the login.
 */
export const membershipsForUser = defineRpc({
  service,
  method: 'memberships.forUser',
  input: z.object({ userId: idSchema }),
  output: z.object({ memberships: z.array(roleLinkSchema).max(50) }),
});

/**
 * The people holding some roles for a district: caseworkers who list it, and managers or
 * admins who list it or no district (the whole city). Care addresses an alert's
 * notifications to them by name. Services only.
 */
export const listDistrictStaff = defineRpc({
  service,
  method: 'memberships.ofDistrict',
  input: z.object({
    districtCode: districtCodeSchema,
    roles: z.array(roleSchema).min(1).max(10),
  }),
  output: z.object({
    members: z.array(z.object({ userId: idSchema, role: roleSchema })).max(1000),
  }),
});

/** A role as stored: the link, its id and whose it is. */
export const membershipSchema = roleLinkSchema.extend({ id: idSchema, userId: idSchema });
export type Membership = z.infer<typeof membershipSchema>;

/**
 * Gives a user a role in an organisation, or changes the districts or carrier of a role they
 * hold. Admins only. Granting the same link again changes nothing (`unchanged`). A caseworker
 * or dispatcher needs at least one district, a carrier its carrier record.
 */
export const grantMembership = defineRpc({
  service,
  method: 'memberships.grant',
  kind: 'mutation',
  input: roleLinkSchema.extend({ userId: idSchema }),
  output: z.object({
    membership: membershipSchema,
    change: z.enum(['granted', 'changed', 'unchanged']),
    /** What the role covered before a change (for the audit trail). */
    before: roleLinkSchema.optional(),
  }),
});

/** Takes a role away from a user. Admins only; revoking a role not held answers `false`. */
export const revokeMembership = defineRpc({
  service,
  method: 'memberships.revoke',
  kind: 'mutation',
  input: z.object({ userId: idSchema, organisationId: idSchema, role: roleSchema }),
  output: z.object({ revoked: z.boolean() }),
});

/** The roles of some users (the admin's user list). Admins and auditors. */
export const listMemberships = defineRpc({
  service,
  method: 'memberships.list',
  input: z.object({ userIds: z.array(idSchema).min(1).max(200) }),
  output: z.object({ memberships: z.array(membershipSchema).max(2000) }),
});

/** How many households are stored (seed checks, health). */
export const countHouseholds = defineRpc({
  service,
  method: 'household.count',
  input: z.object({}),
  output: z.object({ total: countSchema }),
});

/** Largest batch of households per import call (keeps a message well under 1 MB on NATS). */
export const MAX_IMPORT_HOUSEHOLDS = 500;

/** One household of a bulk import, with its consent and enrolments. */
export const importedHouseholdSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  household: householdInputSchema,
  consent: consentInputSchema
    .extend({ id: idSchema, recordedBy: idSchema, recordedAt: dateTimeSchema.optional() })
    .optional(),
  enrolments: z
    .array(z.object({ id: idSchema, programId: idSchema, startsOn: dateSchema }))
    .max(10)
    .default([]),
});
export type ImportedHousehold = z.infer<typeof importedHouseholdSchema>;

/**
 * Loads a directory and households in one call, idempotent by id (existing records are left as
 * they are). Used by the demo seed and for onboarding a city; reports per record, never throws
 * half-way.
 */
export const importBulk = defineRpc({
  service,
  method: 'import.bulk',
  kind: 'mutation',
  input: z.object({
    organisations: z
      .array(organisationSchema.omit({ createdAt: true, active: true }))
      .max(500)
      .default([]),
    districts: z.array(districtSchema).max(5000).default([]),
    memberships: z
      .array(roleLinkSchema.extend({ id: idSchema, userId: idSchema }))
      .max(5000)
      .default([]),
    programs: z
      .array(programInputSchema.extend({ id: idSchema, organisationId: idSchema }))
      .max(200)
      .default([]),
    households: z.array(importedHouseholdSchema).max(MAX_IMPORT_HOUSEHOLDS).default([]),
  }),
  output: z.object({
    created: z.record(z.string().max(40), countSchema),
    existing: z.record(z.string().max(40), countSchema),
    failed: z
      .array(
        z.object({ kind: z.string().max(40), id: z.string().max(200), message: shortText(1000) }),
      )
      .max(5000),
  }),
});

/** Every directory, membership and import RPC of the households service. */
export const HOUSEHOLDS_DIRECTORY_RPCS = [
  listOrganisations,
  listDistricts,
  membershipsForUser,
  listDistrictStaff,
  grantMembership,
  revokeMembership,
  listMemberships,
  countHouseholds,
  importBulk,
] as const;
