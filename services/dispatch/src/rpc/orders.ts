import type { RpcRoute } from '@anbu/bus';
import type { Coordinates } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { createOrder, getDeliveryProfiles, listOrders, listOrdersOnMap } from '@anbu/contracts/rpc';
import { idFor } from '@anbu/service-kit';

import type { DispatchDeps } from './deps.js';
import { canManageFleet, fleetReadScope } from '../domain/access.js';
import { DISPATCH_ACTOR } from '../planning/planning-sources.js';
import { findOrder, insertOrder, listOrderRows } from '../repo/orders.js';

/** Delivery orders: the pool planning draws from. */
export function orderRoutes(deps: DispatchDeps): RpcRoute[] {
  const { db } = deps;
  return [
    handle(createOrder, async (input, context) => {
      if (!canManageFleet(context.actor))
        throw new RpcError('FORBIDDEN', 'only dispatch staff (or the system) add orders');
      const id = idFor(context, 'order.create');
      await insertOrder(db, {
        ...input,
        id,
        status: 'open',
        attempts: 0,
        createdAt: new Date().toISOString(),
      });
      const order = await findOrder(db, id);
      if (!order) throw new RpcError('INTERNAL', 'order vanished after insert');
      return order;
    }),

    handle(listOrders, async (input, { actor }) => {
      if (fleetReadScope(actor).kind !== 'all')
        throw new RpcError('FORBIDDEN', 'the order pool is for dispatch staff');
      return listOrderRows(db, input);
    }),

    handle(listOrdersOnMap, async (input, { actor }) => {
      if (fleetReadScope(actor).kind !== 'all')
        throw new RpcError('FORBIDDEN', 'the order pool is for dispatch staff');
      const page = await listOrderRows(db, {
        statuses: input.statuses,
        districtCodes: input.districtCodes,
        dueBy: input.deliverBy,
        cursor: input.cursor,
        limit: input.limit,
      });
      const householdIds = [
        ...new Set(page.items.flatMap((o) => (o.householdId ? [o.householdId] : []))),
      ];
      const locations = new Map<string, Coordinates>();
      if (deps.bus && householdIds.length > 0) {
        const { profiles } = await deps.bus.request(
          getDeliveryProfiles,
          { householdIds },
          { actor: DISPATCH_ACTOR, timeoutMs: 30_000 },
        );
        for (const p of profiles) locations.set(p.householdId, p.location);
      }
      return {
        ...page,
        items: page.items.map((order) => {
          const location = order.householdId ? locations.get(order.householdId) : undefined;
          return {
            id: order.id,
            kind: order.kind,
            householdId: order.householdId,
            districtCode: order.districtCode,
            status: order.status,
            deliverBy: order.deliverBy,
            window: order.window,
            priority: order.priority,
            storageClass: order.storageClass,
            attempts: order.attempts,
            ...(location ? { location } : {}),
          };
        }),
      };
    }),
  ];
}
