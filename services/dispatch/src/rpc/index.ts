import type { RpcRoute } from '@anbu/bus';

import type { DispatchDeps } from './deps.js';
import { fleetRoutes } from './fleet.js';
import { orderRoutes } from './orders.js';
import { planningRoutes } from './planning.js';

/** Every RPC handler of the dispatch service, as closures over its dependencies. */
export function createRpc(deps: DispatchDeps): RpcRoute[] {
  return [...fleetRoutes(deps), ...orderRoutes(deps), ...planningRoutes(deps)];
}

export type { DispatchDeps } from './deps.js';
