import { z } from 'zod';

import { defineEvent } from '../core/envelope.js';
import { alertResolutionSchema, alertSeveritySchema } from '../domain/alert.js';
import {
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  quantitySchema,
} from '../domain/common.js';
import { itemCategorySchema, itemUnitSchema } from '../domain/item.js';

/** An alert was raised for the caseworkers of a district. */
export const alertRaised = defineEvent({
  service: 'care',
  entity: 'alert',
  event: 'raised',
  version: 1,
  data: z.object({
    alertId: idSchema,
    householdId: idSchema,
    districtCode: districtCodeSchema,
    severity: alertSeveritySchema,
    reason: z.string().regex(/^[a-z_]{1,40}$/),
    ackDeadline: dateTimeSchema,
  }),
});

/** Nobody acknowledged an alert in time: it went one level up. */
export const alertEscalated = defineEvent({
  service: 'care',
  entity: 'alert',
  event: 'escalated',
  version: 1,
  data: z.object({
    alertId: idSchema,
    householdId: idSchema,
    districtCode: districtCodeSchema,
    severity: alertSeveritySchema,
    level: z.number().int().min(1).max(5),
    /** The role it now goes to. */
    toRole: z.enum(['program_manager', 'admin']),
    ackDeadline: dateTimeSchema,
  }),
});

/** A caseworker acknowledged an alert. */
export const alertAcknowledged = defineEvent({
  service: 'care',
  entity: 'alert',
  event: 'acknowledged',
  version: 1,
  data: z.object({ alertId: idSchema, householdId: idSchema, by: idSchema, at: dateTimeSchema }),
});

/** An alert was resolved (possibly with a follow-up need requested). */
export const alertResolved = defineEvent({
  service: 'care',
  entity: 'alert',
  event: 'resolved',
  version: 1,
  data: z.object({
    alertId: idSchema,
    householdId: idSchema,
    resolution: alertResolutionSchema,
    by: idSchema,
    at: dateTimeSchema,
    followUpRequestId: idSchema.optional(),
  }),
});

/**
 * Care asks for a need to be filed (a follow-up from an alert, or a welfare visit when nobody
 * could clear a signal by phone); the households service takes it up as a `follow_up` need.
 */
export const needRequested = defineEvent({
  service: 'care',
  entity: 'need',
  event: 'requested',
  version: 1,
  data: z.object({
    requestId: idSchema,
    householdId: idSchema,
    alertId: idSchema.optional(),
    category: itemCategorySchema,
    quantity: quantitySchema,
    unit: itemUnitSchema,
    deadline: dateSchema,
    priority: z.number().int().min(0).max(100),
  }),
});

/** Every event the care service emits. */
export const CARE_EVENTS = [
  alertRaised,
  alertEscalated,
  alertAcknowledged,
  alertResolved,
  needRequested,
] as const;
