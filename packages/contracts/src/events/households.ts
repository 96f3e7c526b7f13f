import { z } from 'zod';

import { defineEvent } from '../core/envelope.js';
import {
  dateSchema,
  districtCodeSchema,
  idSchema,
  quantitySchema,
  storageClassSchema,
} from '../domain/common.js';
import { itemCategorySchema, itemUnitSchema } from '../domain/item.js';
import { cycleKeySchema, needSourceSchema } from '../domain/need.js';

/** A need was created (generated for a cycle, filed ad hoc, or taken up from a follow-up). */
export const needCreated = defineEvent({
  service: 'households',
  entity: 'need',
  event: 'created',
  version: 1,
  data: z.object({
    needId: idSchema,
    householdId: idSchema,
    districtCode: districtCodeSchema,
    source: needSourceSchema,
    programId: idSchema.optional(),
    enrolmentId: idSchema.optional(),
    cycleKey: cycleKeySchema.optional(),
    category: itemCategorySchema,
    quantity: quantitySchema,
    unit: itemUnitSchema,
    storageClass: storageClassSchema.optional(),
    deadline: dateSchema,
    priority: z.number().int().min(0).max(100),
    /** The care request it fulfils (follow-up needs). */
    requestId: idSchema.optional(),
  }),
});

/** A need was cancelled (consent withdrawn, enrolment ended, filed in error). */
export const needCancelled = defineEvent({
  service: 'households',
  entity: 'need',
  event: 'cancelled',
  version: 1,
  data: z.object({
    needId: idSchema,
    householdId: idSchema,
    reason: z.enum(['consent_withdrawn', 'enrolment_ended', 'household_inactive', 'by_caseworker']),
  }),
});

/**
 * A household changed. Carries the names of the changed fields, never their values: consumers
 * that need them ask the households service.
 */
export const householdUpdated = defineEvent({
  service: 'households',
  entity: 'household',
  event: 'updated',
  version: 1,
  data: z.object({
    householdId: idSchema,
    districtCode: districtCodeSchema,
    version: z.number().int().positive(),
    changedFields: z.array(z.string().min(1).max(60)).max(50),
  }),
});

/** A household's consent was withdrawn: its enrolments end and its open needs are cancelled. */
export const consentWithdrawn = defineEvent({
  service: 'households',
  entity: 'consent',
  event: 'withdrawn',
  version: 1,
  data: z.object({ consentId: idSchema, householdId: idSchema }),
});

/** Every event the households service emits. */
export const HOUSEHOLDS_EVENTS = [
  needCreated,
  needCancelled,
  householdUpdated,
  consentWithdrawn,
] as const;
