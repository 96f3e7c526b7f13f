import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';

import { dateSchema, idSchema, pageRequestSchema } from '@anbu/contracts';
import {
  acknowledgeAlert,
  getAlert,
  getProgram,
  householdTimeline,
  listAlerts,
  listEnrolments,
  listMealFeedback,
  listNotifications,
  reportVisit,
  resolveAlert,
} from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import type { Scope } from '../scope.js';
import { declare } from '../access.js';
import { auditRead } from '../audit.js';
import { callService } from '../call.js';
import { denyOutOfScope, loadInScope } from '../object-scope.js';
import { assertInScope, inScope, narrowDistricts } from '../scope.js';
import { assertStopOfToday } from './carrier-route.js';

/** The most households of one program whose feedback a kitchen reads at once. */
const MAX_PROGRAM_HOUSEHOLDS = 5000;

/** An alert of the caller's districts; another district's and a missing one: the same 403. */
function alertInScope(ctx: Context & { scope: Scope }, alertId: string) {
  return loadInScope(
    ctx.scope,
    () => callService(ctx, getAlert, { alertId }),
    (alert) => ({ districtCode: alert.districtCode }),
  );
}

/**
 * The households enrolled in a program the caller's kitchen supplies; another organisation's
 * program answers like a missing one.
 */
async function programHouseholds(ctx: Context & { scope: Scope }, programId: string) {
  const program = await callService(ctx, getProgram, { programId });
  // Programs are not district objects: only a kitchen is held to the programs it supplies
  // (another kitchen's program answers like a missing one).
  if (ctx.scope.kind === 'organisation') {
    assertInScope(ctx.scope, { organisationId: program.supplierOrganisationId });
  }
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await callService(ctx, listEnrolments, { programId, limit: 200, cursor });
    for (const enrolment of page.items) ids.add(enrolment.householdId);
    cursor = page.nextCursor;
  } while (cursor && ids.size < MAX_PROGRAM_HOUSEHOLDS);
  return [...ids].slice(0, MAX_PROGRAM_HOUSEHOLDS);
}

const mealFeedbackInput = pageRequestSchema.extend({
  from: dateSchema,
  to: dateSchema,
  /** The kitchen's program: required for partners, a filter for everyone else. */
  programId: idSchema.optional(),
});

/**
 * Care: the caseworker's alert inbox (their districts; program managers all and the
 * escalated), acknowledge and resolve (with a follow-up need), a household's welfare timeline,
 * carriers' visit reports, meal-box feedback for the kitchens, and notifications.
 */
export const careRouter = {
  alerts: declare('care.alerts')
    .input(listAlerts.input)
    .query(async ({ ctx, input }) => {
      const { scope } = ctx;
      const districtCodes =
        scope.kind === 'all' ? input.districtCodes : narrowDistricts(scope, input.districtCodes);
      if (districtCodes?.length === 0) return { items: [] };
      const page = await callService(ctx, listAlerts, { ...input, districtCodes });
      const items = page.items.filter((a) => inScope(scope, { districtCode: a.districtCode }));
      return { ...page, items };
    }),

  alert: declare('care.alert')
    .input(getAlert.input)
    .query(({ ctx, input }) => alertInScope(ctx, input.alertId)),

  acknowledgeAlert: declare('care.acknowledgeAlert')
    .input(acknowledgeAlert.input)
    .mutation(async ({ ctx, input }) => {
      await alertInScope(ctx, input.alertId);
      return callService(ctx, acknowledgeAlert, input);
    }),

  /** Resolves an alert; `followUp` files a need for the household (`need.requested`). */
  resolveAlert: declare('care.resolveAlert')
    .input(resolveAlert.input)
    .mutation(async ({ ctx, input }) => {
      await alertInScope(ctx, input.alertId);
      return callService(ctx, resolveAlert, input);
    }),

  /** A household's visits, observations, signals and alerts; visit notes are sensitive: audited. */
  timeline: declare('care.timeline')
    .input(householdTimeline.input)
    .query(async ({ ctx, input }) => {
      // Care checks the household's district against the caller's and answers another
      // district's like a missing one; a scoped caller gets the one 403 for both.
      const page = await denyOutOfScope(ctx.scope, () =>
        callService(ctx, householdTimeline, input),
      );
      await auditRead(ctx, {
        action: 'care.timeline',
        subjectType: 'household',
        subjectIds: [input.householdId],
      });
      return page;
    }),

  /** A carrier reports the visit and welfare check of a stop of their route of today. */
  reportVisit: declare('care.reportVisit')
    .input(reportVisit.input)
    .mutation(async ({ ctx, input }) => {
      await assertStopOfToday(ctx, input.stopId);
      return callService(ctx, reportVisit, input);
    }),

  /** Meal-box feedback (liked, portion, what to avoid) for the kitchen's program view. */
  mealFeedback: declare('care.mealFeedback')
    .input(mealFeedbackInput)
    .query(async ({ ctx, input }) => {
      const { programId, ...query } = input;
      if (ctx.scope.kind === 'organisation' && !programId) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'name your program (programId)' });
      }
      const householdIds = programId ? await programHouseholds(ctx, programId) : undefined;
      if (householdIds?.length === 0) return { items: [] };
      return callService(ctx, listMealFeedback, { ...query, householdIds });
    }),

  /** The caller's notifications (a caseworker's: their districts), newest first. */
  notifications: declare('care.notifications')
    .input(listNotifications.input)
    .query(async ({ ctx, input }) => {
      const page = await callService(ctx, listNotifications, input);
      const items = page.items.filter((n) => inScope(ctx.scope, { districtCode: n.districtCode }));
      return { ...page, items };
    }),
} satisfies TRPCRouterRecord;
