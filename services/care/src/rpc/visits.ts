import type { RpcRoute } from '@anbu/bus';
import type { Actor, VisitReport } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { seoulDate } from '@anbu/contracts';
import { getMyRoute, reportVisit } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';
import { idFor } from '@anbu/service-kit';

import type { CareDeps } from '../deps.js';
import type { VisitOutcome } from '../welfare/record-visit.js';
import { resolveDistrict, UNKNOWN_DISTRICT } from '../alerting/district.js';
import { alertIdsOfObservations, observationsOfReport } from '../repo/timeline.js';
import { insertVisitReport } from '../repo/visits.js';
import { recordVisit } from '../welfare/record-visit.js';

const stopNotFound = (stopId: string) =>
  new RpcError('NOT_FOUND', `stop ${stopId} is not on your route`, {
    issues: [{ path: 'stopId', message: 'not on your route' }],
  });

/**
 * The stop a carrier reports, from their route of the visit's day (dispatch is asked as the
 * carrier, so it answers with their own route only).
 */
async function carrierStop(
  deps: Pick<CareDeps, 'bus'>,
  options: { actor: Actor; stopId: string; visitedAt: string },
): Promise<{ householdId: string; carrierId: string }> {
  if (
    options.actor.kind !== 'user' ||
    options.actor.role !== 'carrier' ||
    !options.actor.carrierId
  ) {
    throw new RpcError('FORBIDDEN', 'only carriers report visits');
  }
  const { route } = await deps.bus.request(
    getMyRoute,
    // The stop's household id is on the stop: no recipient needs reading.
    { date: seoulDate(new Date(options.visitedAt)), recipients: false },
    { actor: options.actor },
  );
  const stop = route?.stops.find((s) => s.id === options.stopId);
  if (!route || !stop?.householdId || route.carrierId !== options.actor.carrierId) {
    throw stopNotFound(options.stopId);
  }
  return { householdId: stop.householdId, carrierId: route.carrierId };
}

/**
 * `visit.report`: a carrier's welfare check of one of their stops. The report is stored once
 * per stop (a repeat answers with the stored one), the rules draw observations against the
 * household's earlier contacts, and a concern raises an alert for the district's caseworkers.
 */
export function visitRoutes(deps: CareDeps): RpcRoute[] {
  const { db, now, wake } = deps;
  return [
    handle(reportVisit, async (input, context) => {
      const { householdId, carrierId } = await carrierStop(deps, {
        actor: context.actor,
        stopId: input.stopId,
        visitedAt: input.visitedAt,
      });
      const districtCode = (await resolveDistrict(deps, householdId)) ?? UNKNOWN_DISTRICT;
      const at = now();
      const draft: VisitReport = {
        ...input,
        id: idFor(context, 'visit-report'),
        householdId,
        carrierId,
        recordedAt: at.toISOString(),
      };
      const result = await transaction(db, async (trx) => {
        const { report, created } = await insertVisitReport(trx, draft);
        let outcome: VisitOutcome;
        if (created) {
          outcome = await recordVisit(
            trx,
            {
              stopId: report.stopId,
              householdId,
              carrierId,
              districtCode,
              at: report.visitedAt,
              checklist: report.checklist,
              report,
            },
            { channels: deps.channels, now: at },
          );
        } else {
          // Reported already (a retry, or a second report): answer with what the first did.
          const observations = await observationsOfReport(trx, report.id);
          outcome = {
            observations,
            raisedAlertIds: await alertIdsOfObservations(
              trx,
              observations.map((o) => o.id),
            ),
          };
        }
        return { report, ...outcome };
      });
      wake();
      return result;
    }),
  ];
}
