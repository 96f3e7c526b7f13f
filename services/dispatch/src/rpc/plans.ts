import type { RpcRoute } from '@anbu/bus';
import type { Actor, Plan } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { emit } from '@anbu/bus/outbox';
import { idSchema } from '@anbu/contracts';
import { planPublished } from '@anbu/contracts/events';
import { getPublishedPlan, lockStop, moveStop, publishPlan } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { PlanEditRefusal } from '../domain/plan-edits.js';
import type { DispatchDeps } from './deps.js';
import { canManageFleet, fleetReadScope } from '../domain/access.js';
import * as edits from '../domain/plan-edits.js';
import { straightGeometry } from '../geometry/osrm-geometry.js';
import { withRouteLines } from '../geometry/road-lines.js';
import { setOrderStatuses } from '../repo/orders.js';
import { findPlan, findPublishedPlan, replacePlan, supersedePublished } from '../repo/plans.js';

const REFUSAL_CODES = {
  not_draft: 'CONFLICT',
  stale_version: 'CONFLICT',
  no_stop: 'NOT_FOUND',
  no_route: 'NOT_FOUND',
} as const satisfies Record<PlanEditRefusal, RpcError['code']>;

/** A domain refusal as the RPC error the gateway translates. */
function refusal(err: unknown): unknown {
  if (!(err instanceof edits.PlanEditError)) return err;
  return new RpcError(REFUSAL_CODES[err.code], err.message, {
    cause: err,
    issues: [{ path: err.field, message: err.message }],
  });
}

function requirePlanner(actor: Actor): void {
  if (!canManageFleet(actor))
    throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not edit plans`);
}

const stopIdsOf = (plan: Plan, routeId: string) =>
  plan.routes
    .find((r) => r.id === routeId)
    ?.stops.map((s) => s.id)
    .join();

const orderIdsOf = (plan: Plan) => plan.routes.flatMap((r) => r.stops.map((s) => s.orderId));

/** Dispatcher edits of a draft plan, publishing it, and the published plan of a day. */
export function planRoutes(deps: DispatchDeps): RpcRoute[] {
  const { db } = deps;

  /** Applies `edit` to the plan under a row lock, after checking it is the draft expected. */
  const editPlan = (
    input: { planId: string; expectedVersion: number },
    edit: (plan: Plan) => Plan,
  ): Promise<{ before: Plan; after: Plan }> =>
    transaction(db, async (trx) => {
      const plan = await findPlan(trx, input.planId, { forUpdate: true });
      if (!plan) {
        throw new RpcError('NOT_FOUND', `plan ${input.planId} not found`, {
          issues: [{ path: 'planId', message: 'not found' }],
        });
      }
      edits.assertEditable(plan, input.expectedVersion);
      const next = edit(plan);
      await replacePlan(trx, next, plan);
      return { before: plan, after: next };
    }).catch((err: unknown) => {
      throw refusal(err);
    });

  return [
    handle(getPublishedPlan, async (input, { actor }) => {
      if (fleetReadScope(actor).kind !== 'all')
        throw new RpcError('FORBIDDEN', 'plans are for dispatch staff');
      const plan = await findPublishedPlan(db, input.date);
      return plan ? { plan } : {};
    }),

    handle(moveStop, async (input, { actor }) => {
      requirePlanner(actor);
      const at = new Date().toISOString();
      const { before, after } = await editPlan(input, (plan) =>
        edits.moveStop(plan, { ...input, at }),
      );
      const { geometry } = deps;
      if (!geometry || geometry === straightGeometry) return after;
      // Road lines of the routes the stop left and joined, drawn after the edit committed (no
      // HTTP under the row lock); if another edit came in between, its own lines stand.
      const touched = new Set(
        after.routes
          .filter((r) => r.stops.map((s) => s.id).join() !== stopIdsOf(before, r.id))
          .map((r) => r.id),
      );
      const drawn = await withRouteLines(after, { geometry, routeIds: touched });
      await transaction(db, async (trx) => {
        const current = await findPlan(trx, after.id, { forUpdate: true });
        if (current?.version === after.version) await replacePlan(trx, drawn, after);
      });
      return drawn;
    }),

    handle(lockStop, async (input, { actor }) => {
      requirePlanner(actor);
      const at = new Date().toISOString();
      const { after } = await editPlan(input, (plan) => edits.lockStop(plan, { ...input, at }));
      return after;
    }),

    handle(publishPlan, async (input, { actor }) => {
      requirePlanner(actor);
      const publishedAt = new Date().toISOString();
      let supersedes: string | undefined;
      const published = await transaction(db, async (trx) => {
        const plan = await findPlan(trx, input.planId, { forUpdate: true });
        if (!plan) {
          throw new RpcError('NOT_FOUND', `plan ${input.planId} not found`, {
            issues: [{ path: 'planId', message: 'not found' }],
          });
        }
        edits.assertEditable(plan, input.expectedVersion);
        const replaced = await supersedePublished(trx, { date: plan.date, exceptPlanId: plan.id });
        supersedes = replaced[0]?.id;
        // Orders of a replaced plan go back to the pool unless the new plan routes them again.
        await setOrderStatuses(trx, {
          ids: replaced.flatMap(orderIdsOf),
          from: ['published'],
          to: 'open',
        });
        await setOrderStatuses(trx, {
          ids: orderIdsOf(plan),
          from: ['open', 'planned'],
          to: 'published',
        });
        const next: Plan = {
          ...plan,
          status: 'published',
          version: plan.version + 1,
          publishedAt,
          ...(idSchema.safeParse(actor.id).success ? { publishedBy: actor.id } : {}),
        };
        await replacePlan(trx, next, plan);
        await emit(trx, planPublished, {
          planId: next.id,
          date: next.date,
          ...(supersedes ? { supersedesPlanId: supersedes } : {}),
          routes: next.routes.map((r) => ({
            routeId: r.id,
            carrierId: r.carrierId,
            orderIds: r.stops.map((s) => s.orderId),
            stops: r.stops.map((s) => ({
              stopId: s.id,
              orderId: s.orderId,
              ...(s.householdId ? { householdId: s.householdId } : {}),
            })),
          })),
          unassignedOrderIds: next.unassigned.map((u) => u.orderId),
        });
        return next;
      }).catch((err: unknown) => {
        throw refusal(err);
      });
      deps.onEventsQueued?.();
      deps.log.info(
        { planId: published.id, date: published.date, routes: published.routes.length },
        'plan published',
      );
      return published;
    }),
  ];
}
