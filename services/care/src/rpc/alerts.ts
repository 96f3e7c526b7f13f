import { randomUUID } from 'node:crypto';

import type { RpcRoute } from '@anbu/bus';
import type { Actor, Alert } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { alertAcknowledged, alertResolved, needRequested } from '@anbu/contracts/events';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { CareDeps } from '../deps.js';
import { UNKNOWN_DISTRICT } from '../alerting/district.js';
import { canReadAlert, canWorkAlert, refuseAcknowledge, refuseResolve } from '../domain/alert.js';
import { findAlert, listAlertRows, markAcknowledged, markResolved } from '../repo/alerts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user id recorded for who acted; only people acknowledge and resolve alerts. */
function personId(actor: Actor): string {
  if (actor.kind !== 'user' || !UUID.test(actor.id))
    throw new RpcError('FORBIDDEN', 'only a signed-in person works alerts');
  return actor.id;
}

const notFound = (id: string) =>
  new RpcError('NOT_FOUND', `alert ${id} not found`, {
    issues: [{ path: 'alertId', message: 'not found' }],
  });

/**
 * The alert queue: list (a caseworker's: their districts), get, acknowledge (stops the
 * escalation timer), resolve with an optional follow-up need (`need.requested`).
 */
export function alertRoutes(deps: Pick<CareDeps, 'db' | 'now' | 'wake'>): RpcRoute[] {
  const { db, now, wake } = deps;

  /** Loads an alert the actor may see; one outside its districts looks like a missing one. */
  const visible = async (id: string, actor: Actor, check = canReadAlert): Promise<Alert> => {
    const alert = await findAlert(db, id);
    if (!alert || !check(actor, alert.districtCode)) throw notFound(id);
    return alert;
  };

  return [
    handle(listAlerts, async (input, { actor }) => {
      let districtCodes = input.districtCodes;
      if (actor.role === 'caseworker') {
        const own = new Set(actor.districtCodes);
        const foreign = (districtCodes ?? []).filter((code) => !own.has(code));
        if (foreign.length > 0) {
          throw new RpcError('FORBIDDEN', `districts outside the caller's: ${foreign.join(', ')}`, {
            issues: [{ path: 'districtCodes', message: `not allowed: ${foreign.join(', ')}` }],
          });
        }
        districtCodes = districtCodes ?? actor.districtCodes;
      } else if (
        actor.kind === 'user' &&
        !['admin', 'program_manager', 'auditor'].includes(actor.role ?? '')
      ) {
        throw new RpcError('FORBIDDEN', `role ${actor.role ?? 'none'} does not see alerts`);
      }
      return listAlertRows(db, { ...input, districtCodes });
    }),

    handle(getAlert, async (input, { actor }) => visible(input.alertId, actor)),

    handle(acknowledgeAlert, async (input, { actor }) => {
      const by = personId(actor);
      await visible(input.alertId, actor, canWorkAlert);
      const alert = await transaction(db, async (trx) => {
        const current = await findAlert(trx, input.alertId, { forUpdate: true });
        if (!current) throw notFound(input.alertId);
        const refusal = refuseAcknowledge(current);
        if (refusal)
          throw new RpcError('CONFLICT', refusal, {
            issues: [{ path: 'alertId', message: refusal }],
          });
        const at = now();
        const updated = await markAcknowledged(trx, { id: current.id, by, at });
        await emit(trx, alertAcknowledged, {
          alertId: current.id,
          householdId: current.householdId,
          by,
          at: at.toISOString(),
        });
        return updated;
      });
      wake();
      return alert;
    }),

    handle(resolveAlert, async (input, { actor }) => {
      const by = personId(actor);
      await visible(input.alertId, actor, canWorkAlert);
      const alert = await transaction(db, async (trx) => {
        const current = await findAlert(trx, input.alertId, { forUpdate: true });
        if (!current) throw notFound(input.alertId);
        const refusal = refuseResolve(current);
        if (refusal)
          throw new RpcError('CONFLICT', refusal, {
            issues: [{ path: 'alertId', message: refusal }],
          });
        const at = now();
        const followUpRequestId = input.followUp ? randomUUID() : undefined;
        const updated = await markResolved(trx, {
          id: current.id,
          by,
          at,
          resolution: input.resolution,
          note: input.note,
          followUpRequestId,
        });
        if (input.followUp && followUpRequestId) {
          await emit(trx, needRequested, {
            requestId: followUpRequestId,
            householdId: current.householdId,
            kind: input.followUp.category === 'welfare_visit' ? 'visit' : 'goods',
            reason: 'alert_follow_up',
            alertId: current.id,
            ...(current.districtCode === UNKNOWN_DISTRICT
              ? {}
              : { districtCode: current.districtCode }),
            ...input.followUp,
          });
        }
        await emit(trx, alertResolved, {
          alertId: current.id,
          householdId: current.householdId,
          resolution: input.resolution,
          by,
          at: at.toISOString(),
          followUpRequestId,
        });
        return updated;
      });
      wake();
      return alert;
    }),
  ];
}
