import type { RpcRoute } from '@anbu/bus';

import type { DispatchDeps } from './deps.js';
import { carrierRoutes } from './carrier-routes.js';
import { fleetRoutes } from './fleet.js';
import { orderRoutes } from './orders.js';
import { pickupSlotRoutes } from './pickup-slots.js';
import { planningRoutes } from './planning.js';
import { planRoutes } from './plans.js';

/** Every RPC handler of the dispatch service, as closures over its dependencies. */
export function createRpc(deps: DispatchDeps): RpcRoute[] {
  return [
    ...fleetRoutes(deps),
    ...orderRoutes(deps),
    ...pickupSlotRoutes(deps),
    ...planningRoutes(deps),
    ...planRoutes(deps),
    ...carrierRoutes(deps),
  ];
}

export type { DispatchDeps } from './deps.js';
