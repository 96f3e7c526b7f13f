import { z } from 'zod';

import {
  dateSchema,
  dateTimeSchema,
  districtCodeSchema,
  idSchema,
  noteText,
  shortText,
  storageClassSchema,
} from './common.js';
import { itemLineSchema } from './item.js';

/** Lifecycle of a need. */
export const NEED_STATUSES = [
  'open',
  'allocated',
  'ordered',
  'delivered',
  'cancelled',
  'expired',
] as const;

/** Parses one of {@link NEED_STATUSES}. */
export const needStatusSchema = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof needStatusSchema>;

/** Where a need came from. */
export const NEED_SOURCES = ['cycle', 'ad_hoc', 'follow_up'] as const;

/** Parses one of {@link NEED_SOURCES}. */
export const needSourceSchema = z.enum(NEED_SOURCES);
export type NeedSource = z.infer<typeof needSourceSchema>;

/**
 * Identifies one cycle of one enrolment, e.g. `2026-W48` or `2026-11-25`: generating the same
 * cycle twice creates nothing new.
 */
export const cycleKeySchema = z.string().regex(/^[0-9A-Za-z:_-]{1,40}$/, 'invalid cycle key');

/** Something a household needs by a deadline: one item line. */
export const needSchema = itemLineSchema.extend({
  id: idSchema,
  householdId: idSchema,
  /** Copied from the household so that matching can be fair across districts without a join. */
  districtCode: districtCodeSchema,
  source: needSourceSchema,
  programId: idSchema.optional(),
  enrolmentId: idSchema.optional(),
  cycleKey: cycleKeySchema.optional(),
  /** The care request it fulfils (follow-up needs); a request is taken up once. */
  requestId: idSchema.optional(),
  /** The alert whose resolution requested it (follow-up needs). */
  alertId: idSchema.optional(),
  storageClass: storageClassSchema.optional(),
  /** Last day on which delivery still helps. */
  deadline: dateSchema,
  /** 0 (routine) … 100 (most urgent); the matcher adds risk level and waiting time. */
  priority: z.number().int().min(0).max(100).default(0),
  status: needStatusSchema,
  note: noteText(500).optional(),
  cancelledReason: shortText().optional(),
  createdBy: z.string().min(1).max(200),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
});
export type Need = z.infer<typeof needSchema>;
