import { z } from 'zod';

import { alertSeveritySchema } from './alert.js';
import { dateTimeSchema, idSchema } from './common.js';

/** What was observed about a person's welfare. */
export const OBSERVATION_KINDS = [
  'not_seen',
  'meals_skipped',
  'illness_or_injury',
  'untouched_delivery',
  'unsafe_home',
  'low_mood',
  'distress',
  'asked_for_help',
  'not_home_repeatedly',
  'missed_check_in',
  'no_activity',
  'all_well',
] as const;

/** Parses one of {@link OBSERVATION_KINDS}. */
export const observationKindSchema = z.enum(OBSERVATION_KINDS);
export type ObservationKind = z.infer<typeof observationKindSchema>;

/** Where an observation came from. */
export const OBSERVATION_SOURCES = [
  'visit_report',
  'stop_update',
  'check_in_signal',
  'caseworker',
] as const;

/** One fact about a household's welfare, from which rules raise alerts. */
export const welfareObservationSchema = z.object({
  id: idSchema,
  householdId: idSchema,
  kind: observationKindSchema,
  /** The severity the rules assigned (absent for `all_well`). */
  severity: alertSeveritySchema.optional(),
  source: z.enum(OBSERVATION_SOURCES),
  visitReportId: idSchema.optional(),
  signalId: idSchema.optional(),
  stopId: idSchema.optional(),
  observedAt: dateTimeSchema,
});
export type WelfareObservation = z.infer<typeof welfareObservationSchema>;
