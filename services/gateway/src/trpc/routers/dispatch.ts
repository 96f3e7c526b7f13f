import type { TRPCRouterRecord } from '@trpc/server';

import { getPublishedPlan, listCarriers, updateStop } from '@anbu/contracts/rpc';

import { declare } from '../access.js';
import { auditRead } from '../audit.js';
import { callService } from '../call.js';
import { routeOfToday, updateStopOfToday } from './carrier-route.js';
import { dispatchPlanningRouter } from './dispatch-planning.js';
import { partnerMapRouter } from './partner-map.js';

/** Dispatch: the fleet and planning for dispatchers; for carriers, their own route of today. */
export const dispatchRouter = {
  ...dispatchPlanningRouter,
  ...partnerMapRouter,

  /** The published plan of a day (absent when none is), so any dispatcher's screen finds it. */
  publishedPlan: declare('dispatch.publishedPlan')
    .input(getPublishedPlan.input)
    .query(({ ctx, input }) => callService(ctx, getPublishedPlan, input)),

  carriers: declare('dispatch.carriers')
    .input(listCarriers.input)
    .query(({ ctx, input }) => callService(ctx, listCarriers, input)),

  /** The carrier's route of today with recipients' addresses (each recipient read is audited). */
  myRoute: declare('dispatch.myRoute').query(async ({ ctx }) => {
    const route = await routeOfToday(ctx);
    const householdIds = (route?.stops ?? []).flatMap((stop) =>
      stop.recipient ? [stop.recipient.householdId] : [],
    );
    await auditRead(ctx, {
      action: 'dispatch.myRoute',
      subjectType: 'household',
      subjectIds: householdIds,
    });
    return { route: route ?? null };
  }),

  /** A carrier reports a stop of their route of today (delivered, missed, …). */
  updateStop: declare('dispatch.updateStop')
    .input(updateStop.input)
    .mutation(({ ctx, input }) => updateStopOfToday(ctx, input)),
} satisfies TRPCRouterRecord;
