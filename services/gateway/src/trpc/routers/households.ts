import type { TRPCRouterRecord } from '@trpc/server';

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
import { assertInScope, inScope, narrowDistricts } from '../scope.js';

// Districts are optional here: a caseworker's own districts are the default.
const listInput = listHouseholds.input.extend({
  districtCodes: districtCodeSchema.array().max(200).optional(),
});

/**
 * A household checked against the caller's scope before anyone acts on it (another district's
 * answers like a missing one). The service checks the district too; this keeps a service bug
 * from becoming a leak.
 */
async function householdInScope(ctx: Context & { scope: Scope }, householdId: string) {
  const household = await callService(ctx, getHousehold, { householdId });
  assertInScope(ctx.scope, {
    districtCode: household.districtCode,
    organisationId: household.organisationId,
  });
  return household;
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

  register: declare('households.register')
    .input(registerHousehold.input)
    .mutation(async ({ ctx, input }) => {
      const household = await callService(ctx, registerHousehold, input);
      await auditRead(ctx, {
        action: 'households.register',
        subjectType: 'household',
        subjectIds: [household.id],
      });
      return household;
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

  /** The service checks the consent's household against the caller's districts. */
  withdrawConsent: declare('households.withdrawConsent')
    .input(withdrawConsent.input)
    .mutation(({ ctx, input }) => callService(ctx, withdrawConsent, input)),

  programs: declare('households.programs')
    .input(listPrograms.input)
    .query(({ ctx, input }) => callService(ctx, listPrograms, input)),

  enrol: declare('households.enrol')
    .input(enrol.input)
    .mutation(async ({ ctx, input }) => {
      await householdInScope(ctx, input.householdId);
      return callService(ctx, enrol, input);
    }),

  /** The service checks the enrolment's household against the caller's districts. */
  endEnrolment: declare('households.endEnrolment')
    .input(endEnrolment.input)
    .mutation(({ ctx, input }) => callService(ctx, endEnrolment, input)),

  enrolments: declare('households.enrolments')
    .input(listEnrolments.input)
    .query(async ({ ctx, input }) => {
      // Without a household, only staff who see every district list a program's enrolments.
      if (input.householdId) await householdInScope(ctx, input.householdId);
      else assertInScope(ctx.scope, {});
      return callService(ctx, listEnrolments, input);
    }),

  /** An ad-hoc need; households checks the district and the delivery consent itself. */
  fileNeed: declare('households.fileNeed')
    .input(fileNeed.input)
    .mutation(({ ctx, input }) => callService(ctx, fileNeed, input)),

  cancelNeed: declare('households.cancelNeed')
    .input(cancelNeed.input)
    .mutation(({ ctx, input }) => callService(ctx, cancelNeed, input)),

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
