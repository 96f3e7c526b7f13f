import type { z } from 'zod';

import type { Role } from '@anbu/contracts';
import {
  donationSchema,
  enrolmentSchema,
  householdPublicSchema,
  householdSchema,
  needSchema,
  pageOf,
  programSchema,
  SENSITIVE_HOUSEHOLD_FIELDS,
} from '@anbu/contracts';

import type { ProtectedPath } from './access.js';

const programPage = pageOf(programSchema);

/**
 * What each role may see in the reply of a procedure whose reply a service shapes (a
 * registration, a filed need, a posted donation…): one zod object per role. The reply is parsed
 * with it, so keys outside the role's schema never leave the gateway. A role missing from a row
 * is not allowed the procedure (see `ACCESS`).
 *
 * A program manager registers households but may not read their personal data
 * (`households.get` is not theirs): their reply to a registration is the public household.
 */
export const REPLY_FIELDS = {
  'households.register': {
    admin: householdSchema,
    caseworker: householdSchema,
    program_manager: householdPublicSchema,
  },
  'households.programs': {
    admin: programPage,
    program_manager: programPage,
    auditor: programPage,
    caseworker: programPage,
    dispatcher: programPage,
  },
  'households.enrol': {
    admin: enrolmentSchema,
    program_manager: enrolmentSchema,
    caseworker: enrolmentSchema,
  },
  'households.endEnrolment': {
    admin: enrolmentSchema,
    program_manager: enrolmentSchema,
    caseworker: enrolmentSchema,
  },
  'households.fileNeed': { admin: needSchema, caseworker: needSchema },
  'households.cancelNeed': { admin: needSchema, caseworker: needSchema },
  'donations.post': { partner: donationSchema },
} as const satisfies Partial<Record<ProtectedPath, Partial<Record<Role, z.ZodType>>>>;

export type ReplyPath = keyof typeof REPLY_FIELDS;

/** The reply schema of `role` for `path` (undefined: the role may not call it). */
export function replySchemaOf(path: ReplyPath, role: Role): z.ZodType | undefined {
  const row: Partial<Record<Role, z.ZodType>> = REPLY_FIELDS[path];
  return row[role];
}

/** What a reply to `path` may look like: one of its roles' schemas. */
export type ReplyOf<P extends ReplyPath> = z.output<
  (typeof REPLY_FIELDS)[P][keyof (typeof REPLY_FIELDS)[P]]
>;

/**
 * Narrows a service's reply to the keys `role` may see for `path`. Refuses (throws) for a role
 * without a row, rather than pass the reply through whole.
 * @example
 * return replyFor('households.register', ctx.session.active.role, household);
 */
export function replyFor<P extends ReplyPath>(path: P, role: Role, reply: unknown): ReplyOf<P> {
  const schema = replySchemaOf(path, role);
  if (!schema) throw new Error(`no reply fields for ${path} as ${role}`);
  return schema.parse(reply) as ReplyOf<P>;
}

/** Whether the role's reply to `path` carries personal data (such a reply is audited). */
export function replyShowsPersonalData(path: ReplyPath, role: Role): boolean {
  const schema = replySchemaOf(path, role);
  if (!schema || !('shape' in schema)) return false;
  const shape = schema.shape as Record<string, unknown>;
  return SENSITIVE_HOUSEHOLD_FIELDS.some((field) => field in shape);
}
