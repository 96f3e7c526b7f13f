import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import { createOrder, listOrders } from '@anbu/contracts/rpc';

import type { DispatchDeps } from './deps.js';
import { canManageFleet, fleetReadScope } from '../domain/access.js';
import { findOrder, insertOrder, listOrderRows } from '../repo/orders.js';
import { idFor } from './idempotency.js';

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
  ];
}
