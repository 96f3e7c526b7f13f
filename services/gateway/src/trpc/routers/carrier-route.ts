import type { RpcInput } from '@anbu/contracts';
import { getMyRoute, updateStop } from '@anbu/contracts/rpc';

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
 * gets too (a carrier's scope is always narrowed). It reads the whole route: a call that the
 * owning service can check itself should let it (as {@link updateStopOfToday} does).
 */
export async function assertStopOfToday(ctx: Context & { scope: Scope }, stopId: string) {
  // The stops suffice: reading every recipient on each stop update made a route's updates
  // cost stops² household reads (the process fault suite's updates timed out under load).
  const route = await routeOfToday(ctx, { recipients: false });
  if (!route?.stops.some((stop) => stop.id === stopId)) throw outOfScope();
}

/**
 * Reports a stop of the caller's route of today in ONE call: dispatch checks, in the
 * transaction that writes the report, that the stop is on the calling carrier's published route
 * of today (Asia/Seoul) and answers NOT_FOUND otherwise, which a carrier gets as the one 403 a
 * missing stop gets too. The reply is checked against the scope as well, so a route of another
 * carrier or day is never shown (reading the route first cost a whole route read per update).
 */
export async function updateStopOfToday(
  ctx: Context & { scope: Scope },
  input: RpcInput<typeof updateStop>,
) {
  const { scope } = ctx;
  const answer = await denyOutOfScope(scope, () => callService(ctx, updateStop, input));
  assertObjectInScope(scope, { carrierId: answer.route.carrierId, day: answer.route.date });
  return answer;
}
