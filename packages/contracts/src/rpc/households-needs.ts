import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import {
  dateSchema,
  districtCodeSchema,
  idSchema,
  noteText,
  pageOf,
  pageRequestSchema,
} from '../domain/common.js';
import { ENROLMENT_END_REASONS, enrolmentSchema } from '../domain/enrolment.js';
import { itemLineSchema } from '../domain/item.js';
import { cycleKeySchema, needSchema, needSourceSchema, needStatusSchema } from '../domain/need.js';
import { programInputSchema, programSchema } from '../domain/program.js';

const service = 'households';

/** Creates a program. */
export const createProgram = defineRpc({
  service,
  method: 'program.create',
  kind: 'mutation',
  input: programInputSchema,
  output: programSchema,
});

/** Programs, optionally of one organisation. */
export const listPrograms = defineRpc({
  service,
  method: 'program.list',
  input: pageRequestSchema.extend({
    organisationId: idSchema.optional(),
    active: z.boolean().optional(),
  }),
  output: pageOf(programSchema),
});

/** One program. */
export const getProgram = defineRpc({
  service,
  method: 'program.get',
  input: z.object({ programId: idSchema }),
  output: programSchema,
});

/** Enrols a household in a program; refused (PRECONDITION_FAILED) without a delivery consent. */
export const enrol = defineRpc({
  service,
  method: 'enrolment.create',
  kind: 'mutation',
  input: z.object({
    householdId: idSchema,
    programId: idSchema,
    startsOn: dateSchema,
    endsOn: dateSchema.optional(),
    note: noteText(200).optional(),
  }),
  output: enrolmentSchema,
});

/** Ends an enrolment. */
export const endEnrolment = defineRpc({
  service,
  method: 'enrolment.end',
  kind: 'mutation',
  input: z.object({
    enrolmentId: idSchema,
    reason: z.enum(ENROLMENT_END_REASONS),
    endsOn: dateSchema,
  }),
  output: enrolmentSchema,
});

/** Enrolments of a household or a program. */
export const listEnrolments = defineRpc({
  service,
  method: 'enrolment.list',
  input: pageRequestSchema.extend({
    householdId: idSchema.optional(),
    programId: idSchema.optional(),
  }),
  output: pageOf(enrolmentSchema),
});

/** Generates the needs of one cycle for every active enrolment of a program (idempotent). */
export const generateCycleNeeds = defineRpc({
  service,
  method: 'need.generateCycle',
  kind: 'mutation',
  input: z.object({ programId: idSchema, cycleKey: cycleKeySchema, deliverBy: dateSchema }),
  output: z.object({
    created: z.number().int().nonnegative(),
    alreadyPresent: z.number().int().nonnegative(),
  }),
});

/** Files an ad-hoc need ("winter blanket", "bunk bed for a multi-child family"). */
export const fileNeed = defineRpc({
  service,
  method: 'need.file',
  kind: 'mutation',
  input: itemLineSchema.extend({
    householdId: idSchema,
    deadline: dateSchema,
    priority: z.number().int().min(0).max(100).default(0),
    note: noteText(500).optional(),
  }),
  output: needSchema,
});

/** Cancels an open need. */
export const cancelNeed = defineRpc({
  service,
  method: 'need.cancel',
  kind: 'mutation',
  input: z.object({ needId: idSchema, note: noteText(500).optional() }),
  output: needSchema,
});

/** Needs, filtered. */
export const listNeeds = defineRpc({
  service,
  method: 'need.list',
  input: pageRequestSchema.extend({
    householdId: idSchema.optional(),
    programId: idSchema.optional(),
    districtCodes: z.array(districtCodeSchema).max(200).optional(),
    statuses: z.array(needStatusSchema).max(6).optional(),
    sources: z.array(needSourceSchema).max(3).optional(),
    deadlineBefore: dateSchema.optional(),
  }),
  output: pageOf(needSchema),
});

/** Every program, enrolment and need RPC of the households service. */
export const HOUSEHOLDS_NEEDS_RPCS = [
  createProgram,
  listPrograms,
  getProgram,
  enrol,
  endEnrolment,
  listEnrolments,
  generateCycleNeeds,
  fileNeed,
  cancelNeed,
  listNeeds,
] as const;
