import { z } from 'zod';

import { coordinatesSchema, dateTimeSchema, idSchema, noteText, shortText } from './common.js';

/** The carrier's short structured welfare check. */
export const welfareChecklistSchema = z.object({
  seenInPerson: z.boolean(),
  mealsSkipped: z.boolean(),
  illnessOrInjury: z.boolean(),
  /** An earlier delivery still lies untouched. */
  untouchedEarlierDeliveries: z.boolean(),
  homeConditions: z.enum(['normal', 'untidy', 'unsafe', 'unknown']),
  mood: z.enum(['good', 'usual', 'low', 'distressed', 'unknown']),
  askedForHelp: z.boolean(),
});
export type WelfareChecklist = z.infer<typeof welfareChecklistSchema>;

/** The recipient's feedback on a meal box; it goes back to the kitchen's program view. */
export const mealFeedbackSchema = z.object({
  liked: z.boolean().optional(),
  portion: z.enum(['too_little', 'right', 'too_much']).optional(),
  /** Dishes or ingredients to avoid. */
  avoid: z.array(shortText(100)).max(20).default([]),
});
export type MealFeedback = z.infer<typeof mealFeedbackSchema>;

/** What a carrier sends after a visit. */
export const visitReportInputSchema = z.object({
  stopId: idSchema,
  visitedAt: dateTimeSchema,
  checklist: welfareChecklistSchema,
  mealFeedback: mealFeedbackSchema.optional(),
  /** Free note: sensitive, shown to caseworkers of the district only. */
  note: noteText(1000).optional(),
  position: coordinatesSchema.optional(),
});
export type VisitReportInput = z.infer<typeof visitReportInputSchema>;

/** A recorded visit report. */
export const visitReportSchema = visitReportInputSchema.extend({
  id: idSchema,
  householdId: idSchema,
  carrierId: idSchema,
  recordedAt: dateTimeSchema,
});
export type VisitReport = z.infer<typeof visitReportSchema>;
