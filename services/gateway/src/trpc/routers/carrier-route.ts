import { getMyRoute } from '@anbu/contracts/rpc';

import type { Context } from '../context.js';
import type { Scope } from '../scope.js';
import { callService } from '../call.js';
import { assertObjectInScope, denyOutOfScope, outOfScope } from '../object-scope.js';

/**
 * The caller's route of today (Asia/Seoul), checked against the `carrier_today` scope: the
 * route must be this carrier's and of this day, whatever the service answered.
 */
export async function routeOfToday(
  ctx: Context & { scope: Scope },
  { recipients = true }: { recipients?: boolean } = {},
) {
  const { scope } = ctx;
  if (scope.kind !== 'carrier_today') return undefined;
  // No route of today is `null`; a refused or missing one is the one 403 of a carrier.
  const { route } = await denyOutOfScope(scope, () =>
    callService(ctx, getMyRoute, { date: scope.day, recipients }),
  );
  if (route) assertObjectInScope(scope, { carrierId: route.carrierId, day: route.date });
  return route;
}

/**
 * Refuses a stop that is not on the caller's route of today with the one 403 a missing stop
 * gets too (a carrier's scope is always narrowed).
 */
export async function assertStopOfToday(ctx: Context & { scope: Scope }, stopId: string) {
  // The stops suffice: reading every recipient on each stop update made a route's updates
  // cost stops² household reads (the process fault suite's updates timed out under load).
  const route = await routeOfToday(ctx, { recipients: false });
  if (!route?.stops.some((stop) => stop.id === stopId)) throw outOfScope();
}
