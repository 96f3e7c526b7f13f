import { z } from 'zod';

import { dateSchema, dateTimeSchema, idSchema, shortText } from './common.js';

/** Lifecycle of an enrolment; withdrawing consent ends it. */
export const ENROLMENT_STATUSES = ['active', 'paused', 'ended'] as const;

/** Parses one of {@link ENROLMENT_STATUSES}. */
export const enrolmentStatusSchema = z.enum(ENROLMENT_STATUSES);
export type EnrolmentStatus = z.infer<typeof enrolmentStatusSchema>;

/** Why an enrolment ended. */
export const ENROLMENT_END_REASONS = [
  'completed',
  'consent_withdrawn',
  'moved',
  'no_longer_eligible',
  'deceased',
  'other',
] as const;

/** A household taking part in a program from `startsOn` (to `endsOn`). */
export const enrolmentSchema = z.object({
  id: idSchema,
  householdId: idSchema,
  programId: idSchema,
  /** The consent that allowed it; there is no enrolment without one. */
  consentId: idSchema,
  startsOn: dateSchema,
  endsOn: dateSchema.optional(),
  status: enrolmentStatusSchema,
  endedReason: z.enum(ENROLMENT_END_REASONS).optional(),
  note: shortText().optional(),
  enrolledBy: idSchema,
  createdAt: dateTimeSchema,
});
export type Enrolment = z.infer<typeof enrolmentSchema>;
