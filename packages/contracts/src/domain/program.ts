import { z } from 'zod';

import {
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  shortText,
  storageClassSchema,
} from './common.js';
import { itemLineSchema } from './item.js';

/** What a program delivers. */
export const PROGRAM_KINDS = [
  'meal_box',
  'necessity_kit',
  'check_in_drop',
  'donation_distribution',
] as const;

/** Parses one of {@link PROGRAM_KINDS}. */
export const programKindSchema = z.enum(PROGRAM_KINDS);
export type ProgramKind = z.infer<typeof programKindSchema>;

/** How often a program delivers: the rule that turns an enrolment into cycles. */
export const cadenceSchema = z.discriminatedUnion('kind', [
  /** Once a week on `weekday` (1 = Monday … 7 = Sunday). */
  z.object({ kind: z.literal('weekly'), weekday: z.number().int().min(1).max(7) }),
  /** On given days of each month, e.g. [1, 15] for twice a month. */
  z.object({
    kind: z.literal('monthly_days'),
    days: z.array(z.number().int().min(1).max(28)).min(1).max(4),
  }),
  /** Every `days` days from the enrolment start (check-in drops). */
  z.object({ kind: z.literal('every_n_days'), days: z.number().int().min(1).max(90) }),
  /** No schedule: needs are filed ad hoc (donation distribution). */
  z.object({ kind: z.literal('on_demand') }),
]);
export type Cadence = z.infer<typeof cadenceSchema>;

/** The fields of a new program. */
export const programInputSchema = z.object({
  name: shortText(),
  kind: programKindSchema,
  cadence: cadenceSchema,
  /** What each cycle delivers to one household. */
  itemTemplate: z.array(itemLineSchema).min(1).max(50),
  storageClass: storageClassSchema.default('ambient'),
  /** Number of rounds per enrolment; absent means open-ended. */
  rounds: z.number().int().positive().max(520).optional(),
  startsOn: dateSchema,
  endsOn: dateSchema.optional(),
  districtCodes: z.array(districtCodeSchema).max(500).default([]),
  /** The kitchen or partner that supplies the goods, if fixed. */
  supplierOrganisationId: idSchema.optional(),
});
export type ProgramInput = z.infer<typeof programInputSchema>;

/** A delivery program: meal boxes, necessity kits, check-in drops or donation distribution. */
export const programSchema = programInputSchema.extend({
  id: idSchema,
  organisationId: idSchema,
  active: z.boolean(),
  createdAt: dateTimeSchema,
});
export type Program = z.infer<typeof programSchema>;
