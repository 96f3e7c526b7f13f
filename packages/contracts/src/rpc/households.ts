import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import {
  coordinatesSchema,
  dailyWindowSchema,
  dateSchema,
  districtCodeSchema,
  idSchema,
  noteText,
  pageOf,
  pageRequestSchema,
} from '../domain/common.js';
import { consentInputSchema, consentSchema } from '../domain/consent.js';
import { districtSchema } from '../domain/district.js';
import { ENROLMENT_END_REASONS, enrolmentSchema } from '../domain/enrolment.js';
import {
  householdChangesSchema,
  householdInputSchema,
  householdPublicSchema,
  householdSchema,
  householdTypeSchema,
  riskLevelSchema,
} from '../domain/household.js';
import { itemLineSchema } from '../domain/item.js';
import { cycleKeySchema, needSchema, needSourceSchema, needStatusSchema } from '../domain/need.js';
import { organisationKindSchema, organisationSchema } from '../domain/organisation.js';
import { programInputSchema, programSchema } from '../domain/program.js';

const service = 'households';

/** Registers a household (consent is recorded separately, before any enrolment). */
export const registerHousehold = defineRpc({
  service,
  method: 'household.register',
  input: householdInputSchema,
  output: householdSchema,
});

/** Changes some fields of a household; fails with CONFLICT if `expectedVersion` is stale. */
export const updateHousehold = defineRpc({
  service,
  method: 'household.update',
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
export const getDeliveryProfiles = defineRpc({
  service,
  method: 'household.deliveryProfiles',
  input: z.object({ householdIds: z.array(idSchema).min(1).max(5000) }),
  output: z.object({ profiles: z.array(deliveryProfileSchema).max(5000) }),
});

/** Records a household's consent. */
export const recordConsent = defineRpc({
  service,
  method: 'consent.record',
  input: consentInputSchema.extend({ householdId: idSchema }),
  output: consentSchema,
});

/** Withdraws a consent: ends enrolments, cancels open needs (`need.cancelled`). */
export const withdrawConsent = defineRpc({
  service,
  method: 'consent.withdraw',
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

/** Creates a program. */
export const createProgram = defineRpc({
  service,
  method: 'program.create',
  input: programInputSchema,
  output: programSchema,
});

/** Programs, optionally of one organisation. */
export const listPrograms = defineRpc({
  service,
  method: 'program.list',
  input: pageRequestSchema.extend({
    organisationId: idSchema.optional(),
    active: z.boolean().optional(),
  }),
  output: pageOf(programSchema),
});

/** One program. */
export const getProgram = defineRpc({
  service,
  method: 'program.get',
  input: z.object({ programId: idSchema }),
  output: programSchema,
});

/** Enrols a household in a program; refused (PRECONDITION_FAILED) without a delivery consent. */
export const enrol = defineRpc({
  service,
  method: 'enrolment.create',
  input: z.object({
    householdId: idSchema,
    programId: idSchema,
    startsOn: dateSchema,
    endsOn: dateSchema.optional(),
    note: noteText(200).optional(),
  }),
  output: enrolmentSchema,
});

/** Ends an enrolment. */
export const endEnrolment = defineRpc({
  service,
  method: 'enrolment.end',
  input: z.object({
    enrolmentId: idSchema,
    reason: z.enum(ENROLMENT_END_REASONS),
    endsOn: dateSchema,
  }),
  output: enrolmentSchema,
});

/** Enrolments of a household or a program. */
export const listEnrolments = defineRpc({
  service,
  method: 'enrolment.list',
  input: pageRequestSchema.extend({
    householdId: idSchema.optional(),
    programId: idSchema.optional(),
  }),
  output: pageOf(enrolmentSchema),
});

/** Generates the needs of one cycle for every active enrolment of a program (idempotent). */
export const generateCycleNeeds = defineRpc({
  service,
  method: 'need.generateCycle',
  input: z.object({ programId: idSchema, cycleKey: cycleKeySchema, deliverBy: dateSchema }),
  output: z.object({
    created: z.number().int().nonnegative(),
    alreadyPresent: z.number().int().nonnegative(),
  }),
});

/** Files an ad-hoc need ("winter blanket", "bunk bed for a multi-child family"). */
export const fileNeed = defineRpc({
  service,
  method: 'need.file',
  input: itemLineSchema.extend({
    householdId: idSchema,
    deadline: dateSchema,
    priority: z.number().int().min(0).max(100).default(0),
    note: noteText(500).optional(),
  }),
  output: needSchema,
});

/** Cancels an open need. */
export const cancelNeed = defineRpc({
  service,
  method: 'need.cancel',
  input: z.object({ needId: idSchema, note: noteText(500).optional() }),
  output: needSchema,
});

/** Needs, filtered. */
export const listNeeds = defineRpc({
  service,
  method: 'need.list',
  input: pageRequestSchema.extend({
    householdId: idSchema.optional(),
    programId: idSchema.optional(),
    districtCodes: z.array(districtCodeSchema).max(200).optional(),
    statuses: z.array(needStatusSchema).max(6).optional(),
    sources: z.array(needSourceSchema).max(3).optional(),
    deadlineBefore: dateSchema.optional(),
  }),
  output: pageOf(needSchema),
});

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

/** Every RPC the households service serves. */
export const HOUSEHOLDS_RPCS = [
  registerHousehold,
  updateHousehold,
  getHousehold,
  listHouseholds,
  getDeliveryProfiles,
  recordConsent,
  withdrawConsent,
  listConsents,
  createProgram,
  listPrograms,
  getProgram,
  enrol,
  endEnrolment,
  listEnrolments,
  generateCycleNeeds,
  fileNeed,
  cancelNeed,
  listNeeds,
  listOrganisations,
  listDistricts,
] as const;
