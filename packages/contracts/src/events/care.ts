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

/** What care asks for: goods (a follow-up of an alert) or a welfare visit by a carrier. */
export const NEED_REQUEST_KINDS = ['goods', 'visit'] as const;

/** Parses one of {@link NEED_REQUEST_KINDS}. */
export const needRequestKindSchema = z.enum(NEED_REQUEST_KINDS);
export type NeedRequestKind = z.infer<typeof needRequestKindSchema>;

/** Why care asks for the need. */
export const NEED_REQUEST_REASONS = ['alert_follow_up', 'unanswered_check_in'] as const;

/**
 * Care asks for a need to be filed (a follow-up from an alert, or a welfare visit when nobody
 * could clear a signal by phone); the households service takes it up as a `follow_up` need,
 * once per `requestId`. A `visit` request carries category `welfare_visit`, 1 `visit`: the
 * next plan routes it to a carrier as a visit stop.
 */
export const needRequested = defineEvent({
  service: 'care',
  entity: 'need',
  event: 'requested',
  version: 1,
  data: z.object({
    requestId: idSchema,
    householdId: idSchema,
    /** Absent in events from before visits were requested: goods. */
    kind: needRequestKindSchema.default('goods'),
    reason: z.enum(NEED_REQUEST_REASONS).default('alert_follow_up'),
    alertId: idSchema.optional(),
    /** The household's district as care knows it (absent when care has not heard of it yet). */
    districtCode: districtCodeSchema.optional(),
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
