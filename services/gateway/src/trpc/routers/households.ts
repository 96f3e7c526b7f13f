import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';

import { districtCodeSchema } from '@anbu/contracts';
import {
  cancelNeed,
  endEnrolment,
  enrol,
  fileNeed,
  getHousehold,
  importHouseholdsFile,
  listConsents,
  listEnrolments,
  listHouseholds,
  listNeeds,
  listPrograms,
  recordConsent,
  registerHousehold,
  updateHousehold,
  withdrawConsent,
} from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import type { Scope } from '../scope.js';
import { declare } from '../access.js';
import { auditRead } from '../audit.js';
import { callService } from '../call.js';
import { FieldIssuesError } from '../errors.js';
import { assertObjectInScope, denyOutOfScope, isNarrowed, loadInScope } from '../object-scope.js';
import { replyFor, replyShowsPersonalData } from '../reply-fields.js';
import { inScope, narrowDistricts } from '../scope.js';

// Districts are optional here: a caseworker's own districts are the default.
const listInput = listHouseholds.input.extend({
  districtCodes: districtCodeSchema.array().max(200).optional(),
});

/**
 * A household checked against the caller's scope before anyone acts on it: for a caseworker,
 * another district's household and a missing id are the same 403 (staff who see every district
 * get 404 for a missing id). The service checks the district too; this keeps a service bug from
 * becoming a leak.
 */
function householdInScope(ctx: Context & { scope: Scope }, householdId: string) {
  return loadInScope(
    ctx.scope,
    () => callService(ctx, getHousehold, { householdId }),
    (household) => ({
      districtCode: household.districtCode,
      organisationId: household.organisationId,
    }),
  );
}

/** Programs a caseworker works with: those serving one of their districts, or every district. */
function programInScope(scope: Scope, program: { districtCodes: readonly string[] }): boolean {
  if (scope.kind !== 'districts') return true;
  return (
    program.districtCodes.length === 0 ||
    program.districtCodes.some((code) => scope.districtCodes.includes(code))
  );
}

/**
 * Households: lists without personal data, one household with it (audited), registration and
 * updates, consents, enrolments, needs, and the CSV/XLSX import. Partners and carriers have no
 * row here: they never read households.
 */
export const householdsRouter = {
  list: declare('households.list')
    .input(listInput)
    .query(async ({ ctx, input }) => {
      const districtCodes = narrowDistricts(ctx.scope, input.districtCodes);
      if (districtCodes.length === 0) return { items: [] };
      const page = await callService(ctx, listHouseholds, { ...input, districtCodes });
      // The service filters too; this keeps a service bug from becoming a leak.
      const items = page.items.filter((h) =>
        inScope(ctx.scope, { districtCode: h.districtCode, organisationId: h.organisationId }),
      );
      return { ...page, items };
    }),

  get: declare('households.get')
    .input(getHousehold.input)
    .query(async ({ ctx, input }) => {
      const household = await householdInScope(ctx, input.householdId);
      await auditRead(ctx, {
        action: 'households.get',
        subjectType: 'household',
        subjectIds: [household.id],
      });
      return household;
    }),

  /**
   * The reply is checked against the caller's districts and narrowed to the role's fields (a
   * program manager gets the public household); a reply with personal data is audited.
   */
  register: declare('households.register')
    .input(registerHousehold.input)
    .mutation(async ({ ctx, input }) => {
      const household = await denyOutOfScope(ctx.scope, () =>
        callService(ctx, registerHousehold, input),
      );
      assertObjectInScope(ctx.scope, {
        districtCode: household.districtCode,
        organisationId: household.organisationId,
      });
      const role = ctx.session.active.role;
      if (replyShowsPersonalData('households.register', role)) {
        await auditRead(ctx, {
          action: 'households.register',
          subjectType: 'household',
          subjectIds: [household.id],
        });
      }
      return replyFor('households.register', role, household);
    }),

  update: declare('households.update')
    .input(updateHousehold.input)
    .mutation(async ({ ctx, input }) => {
      await householdInScope(ctx, input.householdId);
      const household = await callService(ctx, updateHousehold, input);
      await auditRead(ctx, {
        action: 'households.update',
        subjectType: 'household',
        subjectIds: [household.id],
      });
      return household;
    }),

  consents: declare('households.consents')
    .input(listConsents.input)
    .query(async ({ ctx, input }) => {
      await householdInScope(ctx, input.householdId);
      return callService(ctx, listConsents, input);
    }),

  recordConsent: declare('households.recordConsent')
    .input(recordConsent.input)
    .mutation(async ({ ctx, input }) => {
      await householdInScope(ctx, input.householdId);
      return callService(ctx, recordConsent, input);
    }),

  /**
   * The service checks the consent's household against the caller's districts; for a scoped
   * caller the gateway checks the reply's household again (no RPC reads a consent by id first).
   */
  withdrawConsent: declare('households.withdrawConsent')
    .input(withdrawConsent.input)
    .mutation(async ({ ctx, input }) => {
      const result = await denyOutOfScope(ctx.scope, () =>
        callService(ctx, withdrawConsent, input),
      );
      if (isNarrowed(ctx.scope)) await householdInScope(ctx, result.consent.householdId);
      return result;
    }),

  /** A caseworker sees the programs serving their districts (or every district). */
  programs: declare('households.programs')
    .input(listPrograms.input)
    .query(async ({ ctx, input }) => {
      const page = await callService(ctx, listPrograms, input);
      const items = page.items.filter((program) => programInScope(ctx.scope, program));
      return replyFor('households.programs', ctx.session.active.role, { ...page, items });
    }),

  enrol: declare('households.enrol')
    .input(enrol.input)
    .mutation(async ({ ctx, input }) => {
      await householdInScope(ctx, input.householdId);
      const enrolment = await callService(ctx, enrol, input);
      return replyFor('households.enrol', ctx.session.active.role, enrolment);
    }),

  /** The service checks the enrolment's household against the caller's districts. */
  endEnrolment: declare('households.endEnrolment')
    .input(endEnrolment.input)
    .mutation(async ({ ctx, input }) => {
      const enrolment = await denyOutOfScope(ctx.scope, () =>
        callService(ctx, endEnrolment, input),
      );
      // As for consents: no RPC reads an enrolment by id first, so its reply is checked.
      if (isNarrowed(ctx.scope)) await householdInScope(ctx, enrolment.householdId);
      return replyFor('households.endEnrolment', ctx.session.active.role, enrolment);
    }),

  enrolments: declare('households.enrolments')
    .input(listEnrolments.input)
    .query(async ({ ctx, input }) => {
      // Without a household, only staff who see every district list a program's enrolments.
      if (input.householdId) await householdInScope(ctx, input.householdId);
      else if (isNarrowed(ctx.scope)) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'name the household whose enrolments to list',
          cause: new FieldIssuesError('name the household whose enrolments to list', [
            { path: 'householdId', message: 'required for your role' },
          ]),
        });
      }
      return callService(ctx, listEnrolments, input);
    }),

  /**
   * An ad-hoc need; households checks the district and the delivery consent itself, the
   * gateway checks the reply's district again.
   */
  fileNeed: declare('households.fileNeed')
    .input(fileNeed.input)
    .mutation(async ({ ctx, input }) => {
      const need = await denyOutOfScope(ctx.scope, () => callService(ctx, fileNeed, input));
      assertObjectInScope(ctx.scope, { districtCode: need.districtCode });
      return replyFor('households.fileNeed', ctx.session.active.role, need);
    }),

  cancelNeed: declare('households.cancelNeed')
    .input(cancelNeed.input)
    .mutation(async ({ ctx, input }) => {
      const need = await denyOutOfScope(ctx.scope, () => callService(ctx, cancelNeed, input));
      assertObjectInScope(ctx.scope, { districtCode: need.districtCode });
      return replyFor('households.cancelNeed', ctx.session.active.role, need);
    }),

  needs: declare('households.needs')
    .input(listNeeds.input)
    .query(async ({ ctx, input }) => {
      const districtCodes =
        ctx.scope.kind === 'districts'
          ? narrowDistricts(ctx.scope, input.districtCodes)
          : input.districtCodes;
      if (districtCodes?.length === 0) return { items: [] };
      const page = await callService(ctx, listNeeds, { ...input, districtCodes });
      return { ...page, items: page.items.filter((n) => inScope(ctx.scope, n)) };
    }),

  /** A CSV or XLSX file of households or enrolments, all or nothing, with a row-by-row report. */
  importFile: declare('households.importFile')
    .input(importHouseholdsFile.input)
    .mutation(({ ctx, input }) => callService(ctx, importHouseholdsFile, input)),
} satisfies TRPCRouterRecord;
