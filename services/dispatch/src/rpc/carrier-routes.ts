import type { z } from 'zod';

import type { RpcRoute } from '@anbu/bus';
import type { Actor, Route, StopStatus } from '@anbu/contracts';
import type { stopRecipientSchema } from '@anbu/contracts/rpc';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { canTransitionStop, seoulDate } from '@anbu/contracts';
import { stopUpdated } from '@anbu/contracts/events';
import { getHousehold, getMyRoute, updateStop } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { ReportEffect } from '../repo/orders.js';
import type { DispatchDeps } from './deps.js';
import { canManageFleet } from '../domain/access.js';
import { recomputeEtas } from '../domain/route-schedule.js';
import { DISPATCH_ACTOR } from '../planning/planning-sources.js';
import { applyReport } from '../repo/orders.js';
import {
  findPublishedRoute,
  findPublishedRouteWithStop,
  writeReportedRoute,
} from '../repo/plans.js';

type Recipient = z.infer<typeof stopRecipientSchema>;

/** Statuses after which the order goes back to the pool for the next plan. */
const RETURNS_TO_POOL: ReadonlySet<StopStatus> = new Set([
  'not_home',
  'refused',
  'failed',
  'skipped',
]);

/** What a report of each status does to the stop's order. */
function reportEffect(status: StopStatus): ReportEffect {
  if (status === 'delivered') return 'done';
  return RETURNS_TO_POOL.has(status) ? 'back_to_pool' : 'none';
}

/** How many recipients are looked up at once. */
const RECIPIENT_BATCH = 20;

function requireCarrier(actor: Actor): string {
  if (actor.carrierId === undefined)
    throw new RpcError('FORBIDDEN', 'only a carrier has a route of their own');
  return actor.carrierId;
}

/** Carriers: their own route of a day in the published plan, and reports of its stops. */
export function carrierRoutes(deps: DispatchDeps): RpcRoute[] {
  const { db, log, bus, now = () => new Date() } = deps;

  /** Name, address and contact of each household of the route; absent when households fails. */
  async function recipientsOf(route: Route): Promise<Map<string, Recipient>> {
    const found = new Map<string, Recipient>();
    if (!bus) return found;
    const ids = [...new Set(route.stops.flatMap((s) => (s.householdId ? [s.householdId] : [])))];
    for (let i = 0; i < ids.length; i += RECIPIENT_BATCH) {
      const batch = ids.slice(i, i + RECIPIENT_BATCH);
      const households = await Promise.all(
        batch.map((householdId) =>
          bus
            .request(getHousehold, { householdId }, { actor: DISPATCH_ACTOR })
            .catch((err: unknown) => {
              log.warn({ err, householdId }, 'recipient of a stop could not be read');
              return undefined;
            }),
        ),
      );
      for (const h of households) {
        if (!h) continue;
        found.set(h.id, {
          householdId: h.id,
          name: h.name,
          address: h.address,
          contact: h.contact,
          ...(h.accessNotes ? { accessNotes: h.accessNotes } : {}),
        });
      }
    }
    return found;
  }

  return [
    handle(getMyRoute, async (input, { actor }) => {
      const carrierId = requireCarrier(actor);
      const route = await findPublishedRoute(db, { date: input.date, carrierId });
      if (!route) return {};
      // Reading every recipient costs a households call each: only when they are wanted.
      const recipients =
        input.recipients === false ? new Map<string, Recipient>() : await recipientsOf(route);
      return {
        route: {
          ...route,
          stops: route.stops.map((stop) => {
            const recipient = stop.householdId ? recipients.get(stop.householdId) : undefined;
            return recipient ? { ...stop, recipient } : stop;
          }),
        },
      };
    }),

    handle(updateStop, async (input, { actor }) => {
      // Staff report any stop; a carrier only a stop of their own route of today (Asia/Seoul).
      const ownRoute = canManageFleet(actor)
        ? undefined
        : { carrierId: requireCarrier(actor), date: seoulDate(now()) };
      const receivedAt = now().toISOString();
      const outcome = await transaction(db, async (trx) => {
        const found = await findPublishedRouteWithStop(trx, input.stopId, ownRoute);
        const route = found?.route;
        const stop = route?.stops.find((s) => s.id === input.stopId);
        // Another carrier's stop, or another day's, answers like a missing one: a refusal does
        // not reveal that it exists.
        if (!found || !route || !stop) {
          throw new RpcError('NOT_FOUND', `stop ${input.stopId} not found`, {
            issues: [{ path: 'stopId', message: 'not found' }],
          });
        }
        if (stop.status === input.status) return { stop, route, emitted: false };
        if (!canTransitionStop(stop.status, input.status)) {
          throw new RpcError('CONFLICT', `a ${stop.status} stop cannot become ${input.status}`, {
            issues: [{ path: 'status', message: `not allowed after ${stop.status}` }],
          });
        }
        const reported = recomputeEtas({
          ...route,
          stops: route.stops.map((s) =>
            s.id === stop.id
              ? { ...s, status: input.status, reportedAt: input.at, updatedAt: receivedAt }
              : s,
          ),
        });
        await writeReportedRoute(trx, found.planId, reported);
        const order = await applyReport(trx, stop.orderId, reportEffect(input.status));
        await emit(trx, stopUpdated, {
          stopId: stop.id,
          routeId: route.id,
          orderId: stop.orderId,
          kind: stop.kind,
          ...(stop.householdId ? { householdId: stop.householdId } : {}),
          ...(order?.donationId ? { donationId: order.donationId } : {}),
          carrierId: route.carrierId,
          status: input.status,
          at: input.at,
          ...(input.position ? { position: input.position } : {}),
          ...(order ? { districtCode: order.districtCode } : {}),
          date: route.date,
          returnedToPool: order?.returnedToPool ?? false,
          ...(input.checklist ? { checklist: input.checklist } : {}),
        });
        const updated = reported.stops.find((s) => s.id === stop.id) ?? stop;
        return { stop: updated, route: reported, emitted: true };
      });
      if (outcome.emitted) deps.onEventsQueued?.();
      return { stop: outcome.stop, route: outcome.route };
    }),
  ];
}
