import { z } from 'zod';

import { roleSchema } from '../core/actor.js';
import { dateTimeSchema, districtCodeSchema, idSchema, shortText } from './common.js';

/** Channels a notification can go through. */
export const NOTIFICATION_CHANNELS = ['sms', 'messenger', 'email', 'webhook', 'log'] as const;

/** Parses one of {@link NOTIFICATION_CHANNELS}. */
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** Lifecycle of a notification; failed sends are retried until `attempts` runs out. */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * A message about an alert (or another event), without personal details. It goes to a person
 * (`recipientUserId`) or to everyone holding `recipientRole` for `districtCode` (the caseworkers
 * of a 읍면동; program managers: every district).
 */
export const notificationSchema = z.object({
  id: idSchema,
  channel: notificationChannelSchema,
  recipientUserId: idSchema.optional(),
  recipientRole: roleSchema.optional(),
  districtCode: districtCodeSchema.optional(),
  /** Template key, e.g. `alert.raised`. */
  template: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/)
    .max(100),
  alertId: idSchema.optional(),
  subject: shortText(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int().nonnegative(),
  lastError: shortText(1000).optional(),
  /** When a pending send is tried (again). */
  nextAttemptAt: dateTimeSchema.optional(),
  createdAt: dateTimeSchema,
  sentAt: dateTimeSchema.optional(),
});
export type Notification = z.infer<typeof notificationSchema>;
