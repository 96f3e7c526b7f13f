import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import {
  alertResolutionSchema,
  alertSchema,
  alertSeveritySchema,
  alertStatusSchema,
} from '../domain/alert.js';
import { checkInSignalInputSchema, checkInSignalSchema } from '../domain/check-in-signal.js';
import {
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  noteText,
  pageOf,
  pageRequestSchema,
  quantitySchema,
} from '../domain/common.js';
import { itemCategorySchema, itemUnitSchema } from '../domain/item.js';
import { notificationSchema } from '../domain/notification.js';
import {
  mealFeedbackSchema,
  visitReportInputSchema,
  visitReportSchema,
} from '../domain/visit-report.js';
import { welfareObservationSchema } from '../domain/welfare-observation.js';

const service = 'care';

/** A carrier reports a visit with the welfare check; rules may raise alerts. */
export const reportVisit = defineRpc({
  service,
  method: 'visit.report',
  kind: 'mutation',
  input: visitReportInputSchema,
  output: z.object({
    report: visitReportSchema,
    observations: z.array(welfareObservationSchema).max(20),
    raisedAlertIds: z.array(idSchema).max(20),
  }),
});

/** Ingests an automated check-in signal; its source's retry policy decides if it alerts. */
export const ingestSignal = defineRpc({
  service,
  method: 'signal.ingest',
  kind: 'mutation',
  input: checkInSignalInputSchema,
  output: checkInSignalSchema,
});

/** Alerts of some districts (a caseworker's: their own), most urgent first. */
export const listAlerts = defineRpc({
  service,
  method: 'alert.list',
  input: pageRequestSchema.extend({
    districtCodes: z.array(districtCodeSchema).max(200).optional(),
    statuses: z.array(alertStatusSchema).max(4).default(['raised', 'acknowledged', 'escalated']),
    severities: z.array(alertSeveritySchema).max(4).optional(),
    householdId: idSchema.optional(),
  }),
  output: pageOf(alertSchema),
});

/** One alert. */
export const getAlert = defineRpc({
  service,
  method: 'alert.get',
  input: z.object({ alertId: idSchema }),
  output: alertSchema,
});

/** Acknowledges an alert, which stops its escalation timer. */
export const acknowledgeAlert = defineRpc({
  service,
  method: 'alert.acknowledge',
  kind: 'mutation',
  input: z.object({ alertId: idSchema, note: noteText(500).optional() }),
  output: alertSchema,
});

/** A follow-up need to request when resolving an alert (`need.requested`). */
export const followUpSchema = z.object({
  category: itemCategorySchema,
  quantity: quantitySchema,
  unit: itemUnitSchema,
  deadline: dateSchema,
  priority: z.number().int().min(0).max(100).default(50),
});

/** Resolves an alert, optionally requesting a follow-up need. */
export const resolveAlert = defineRpc({
  service,
  method: 'alert.resolve',
  kind: 'mutation',
  input: z.object({
    alertId: idSchema,
    resolution: alertResolutionSchema,
    note: noteText(1000).optional(),
    followUp: followUpSchema.optional(),
  }),
  output: alertSchema,
});

/** One entry of a household's welfare timeline. */
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visit'), at: dateTimeSchema, visit: visitReportSchema }),
  z.object({
    kind: z.literal('observation'),
    at: dateTimeSchema,
    observation: welfareObservationSchema,
  }),
  z.object({ kind: z.literal('signal'), at: dateTimeSchema, signal: checkInSignalSchema }),
  z.object({ kind: z.literal('alert'), at: dateTimeSchema, alert: alertSchema }),
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A household's visits, observations, signals and alerts, newest first. */
export const householdTimeline = defineRpc({
  service,
  method: 'household.timeline',
  input: pageRequestSchema.extend({ householdId: idSchema }),
  output: pageOf(timelineEntrySchema),
});

/** One meal-box feedback, for the kitchen's program view. */
export const mealFeedbackEntrySchema = z.object({
  visitReportId: idSchema,
  householdId: idSchema,
  visitedAt: dateTimeSchema,
  feedback: mealFeedbackSchema,
});

/** Meal-box feedback of some households over some days (the kitchen's view of its program). */
export const listMealFeedback = defineRpc({
  service,
  method: 'mealFeedback.list',
  input: pageRequestSchema.extend({
    from: dateSchema,
    to: dateSchema,
    householdIds: z.array(idSchema).max(5000).optional(),
  }),
  output: pageOf(mealFeedbackEntrySchema),
});

/** The caller's notifications, newest first. */
export const listNotifications = defineRpc({
  service,
  method: 'notification.list',
  input: pageRequestSchema.extend({ alertId: idSchema.optional() }),
  output: pageOf(notificationSchema),
});

/** Every RPC the care service serves. */
export const CARE_RPCS = [
  reportVisit,
  ingestSignal,
  listAlerts,
  getAlert,
  acknowledgeAlert,
  resolveAlert,
  householdTimeline,
  listMealFeedback,
  listNotifications,
] as const;
