import { z } from 'zod';

import { dateTimeSchema, districtCodeSchema, idSchema, noteText, shortText } from './common.js';

/** How serious an alert is; decides its acknowledgement deadline. */
export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** Parses one of {@link ALERT_SEVERITIES}. */
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

/** Minutes to acknowledge an alert before it escalates, by severity. */
export const DEFAULT_ACK_DEADLINE_MINUTES = {
  low: 24 * 60,
  medium: 4 * 60,
  high: 60,
  critical: 15,
} as const satisfies Record<AlertSeverity, number>;

/** Lifecycle of an alert. */
export const ALERT_STATUSES = ['raised', 'acknowledged', 'escalated', 'resolved'] as const;

/** Parses one of {@link ALERT_STATUSES}. */
export const alertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

/** The statuses each alert status may move to; escalation may repeat, one level up each time. */
export const ALERT_TRANSITIONS = {
  raised: ['acknowledged', 'escalated', 'resolved'],
  escalated: ['acknowledged', 'escalated', 'resolved'],
  acknowledged: ['resolved'],
  resolved: [],
} as const satisfies Record<AlertStatus, readonly AlertStatus[]>;

/** Whether an alert may move from `from` to `to`. */
export function canTransitionAlert(from: AlertStatus, to: AlertStatus): boolean {
  return (ALERT_TRANSITIONS[from] as readonly AlertStatus[]).includes(to);
}

/** How an alert was resolved. */
export const ALERT_RESOLUTIONS = [
  'all_well',
  'contacted_by_phone',
  'visited',
  'referred',
  'emergency_services',
  'false_alarm',
  'other',
] as const;

/** Parses one of {@link ALERT_RESOLUTIONS}. */
export const alertResolutionSchema = z.enum(ALERT_RESOLUTIONS);
export type AlertResolution = z.infer<typeof alertResolutionSchema>;

/** A welfare alert for the caseworkers of a district. */
export const alertSchema = z.object({
  id: idSchema,
  householdId: idSchema,
  districtCode: districtCodeSchema,
  severity: alertSeveritySchema,
  status: alertStatusSchema,
  /** Machine-readable rule that raised it, e.g. `not_home_twice`, `help_requested`. */
  reason: z.string().regex(/^[a-z_]{1,40}$/),
  /** A short text without personal details, fit for a notification. */
  summary: shortText(300),
  observationIds: z.array(idSchema).max(50),
  raisedAt: dateTimeSchema,
  ackDeadline: dateTimeSchema,
  acknowledgedAt: dateTimeSchema.optional(),
  acknowledgedBy: idSchema.optional(),
  /** 0 until escalated; each escalation goes one level up (caseworker → program manager → admin). */
  escalationLevel: z.number().int().min(0).max(5),
  escalatedAt: dateTimeSchema.optional(),
  resolvedAt: dateTimeSchema.optional(),
  resolvedBy: idSchema.optional(),
  resolution: alertResolutionSchema.optional(),
  resolutionNote: noteText(1000).optional(),
  /** The follow-up need requested on resolution. */
  followUpRequestId: idSchema.optional(),
});
export type Alert = z.infer<typeof alertSchema>;
