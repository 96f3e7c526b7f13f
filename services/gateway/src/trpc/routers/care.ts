import type { TRPCRouterRecord } from '@trpc/server';

import {
  acknowledgeAlert,
  getAlert,
  listAlerts,
  reportVisit,
  resolveAlert,
} from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import type { Scope } from '../scope.js';
import { declare } from '../access.js';
import { callService } from '../call.js';
import { assertInScope, inScope, narrowDistricts } from '../scope.js';
import { assertStopOfToday } from './carrier-route.js';

async function alertInScope(ctx: Context & { scope: Scope }, alertId: string) {
  const alert = await callService(ctx, getAlert, { alertId });
  assertInScope(ctx.scope, { districtCode: alert.districtCode });
  return alert;
}

/** Care: welfare alerts for caseworkers, visit reports from carriers. */
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

  resolveAlert: declare('care.resolveAlert')
    .input(resolveAlert.input)
    .mutation(async ({ ctx, input }) => {
      await alertInScope(ctx, input.alertId);
      return callService(ctx, resolveAlert, input);
    }),

  /** A carrier reports the visit and welfare check of a stop of their route of today. */
  reportVisit: declare('care.reportVisit')
    .input(reportVisit.input)
    .mutation(async ({ ctx, input }) => {
      await assertStopOfToday(ctx, input.stopId);
      return callService(ctx, reportVisit, input);
    }),
} satisfies TRPCRouterRecord;
