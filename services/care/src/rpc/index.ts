import type { RpcRoute } from '@anbu/bus';

import type { CareDeps } from '../deps.js';
import { alertRoutes } from './alerts.js';
import { readRoutes } from './reads.js';
import { signalRoutes } from './signals.js';
import { visitRoutes } from './visits.js';

/** Every RPC the care service serves. */
export function createRpc(deps: CareDeps): RpcRoute[] {
  return [...alertRoutes(deps), ...visitRoutes(deps), ...signalRoutes(deps), ...readRoutes(deps)];
}
