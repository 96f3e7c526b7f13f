import { getMyRoute } from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import type { Scope } from '../scope.js';
import { callService } from '../call.js';
import { assertInScope } from '../scope.js';

/**
 * The caller's route of today (Asia/Seoul), checked against the `carrier_today` scope: the
 * route must be this carrier's and of this day, whatever the service answered.
 */
export async function routeOfToday(
  ctx: Context & { scope: Scope },
  { recipients = true }: { recipients?: boolean } = {},
) {
  if (ctx.scope.kind !== 'carrier_today') return undefined;
  const { route } = await callService(ctx, getMyRoute, { date: ctx.scope.day, recipients });
  if (route) assertInScope(ctx.scope, { carrierId: route.carrierId, day: route.date });
  return route;
}

/** Refuses (404, as for a missing stop) a stop that is not on the caller's route of today. */
export async function assertStopOfToday(ctx: Context & { scope: Scope }, stopId: string) {
  // The stops suffice: reading every recipient on each stop update made a route's updates
  // cost stops² household reads (the process fault suite's updates timed out under load).
  const route = await routeOfToday(ctx, { recipients: false });
  if (!route?.stops.some((stop) => stop.id === stopId)) {
    assertInScope(ctx.scope, {});
  }
}
