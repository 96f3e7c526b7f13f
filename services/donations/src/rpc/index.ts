import type { RpcRoute } from '@anbu/bus';

import type { DonationsDeps } from './deps.js';
import { donationRoutes } from './donations.js';
import { lotRoutes } from './lots.js';
import { pickupRoutes } from './pickup.js';
import { stockRoutes } from './stock.js';

/** Every RPC handler of the donations service, as closures over its dependencies. */
export function createRpc(deps: DonationsDeps): RpcRoute[] {
  return [...donationRoutes(deps), ...pickupRoutes(deps), ...stockRoutes(deps), ...lotRoutes(deps)];
}

export type { DonationsDeps } from './deps.js';
