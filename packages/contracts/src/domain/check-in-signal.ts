import { z } from 'zod';

import { dateTimeSchema, idSchema, noteText } from './common.js';

/** Systems that send automated check-in signals. */
export const SIGNAL_SOURCES = [
  'ai_call',
  'phone_inactivity',
  'smart_plug',
  'iot_sensor',
  'manual',
] as const;

/** Parses one of {@link SIGNAL_SOURCES}. */
export const signalSourceSchema = z.enum(SIGNAL_SOURCES);
export type SignalSource = z.infer<typeof signalSourceSchema>;

/** What a signal says. */
export const SIGNAL_KINDS = [
  'missed_call',
  'no_activity',
  'no_power_change',
  'help_requested',
  'ok',
] as const;

/** Parses one of {@link SIGNAL_KINDS}. */
export const signalKindSchema = z.enum(SIGNAL_KINDS);
export type SignalKind = z.infer<typeof signalKindSchema>;

/** A signal as a feed sends it (REST or RPC). */
export const checkInSignalInputSchema = z.object({
  householdId: idSchema,
  source: signalSourceSchema,
  kind: signalKindSchema,
  observedAt: dateTimeSchema,
  /** The feed's own id of the event, for tracing. */
  externalId: z.string().min(1).max(200).optional(),
  note: noteText(500).optional(),
});
export type CheckInSignalInput = z.infer<typeof checkInSignalInputSchema>;

/** How a recorded signal was handled by the retry policy of its source. */
export const SIGNAL_STATES = ['recorded', 'retrying', 'cleared', 'alerted'] as const;

/** A recorded check-in signal. */
export const checkInSignalSchema = checkInSignalInputSchema.extend({
  id: idSchema,
  state: z.enum(SIGNAL_STATES),
  /** Retries done so far (e.g. a missed AI call is retried up to 3 times). */
  retries: z.number().int().nonnegative(),
  alertId: idSchema.optional(),
  receivedAt: dateTimeSchema,
});
export type CheckInSignal = z.infer<typeof checkInSignalSchema>;
