import type { RpcRoute } from '@anbu/bus';
import { withIdempotencyKey } from '@anbu/service-kit';

import type { DonationsDeps } from './deps.js';
import { donationRoutes } from './donations.js';
import { lotRoutes } from './lots.js';
import { pickupRoutes } from './pickup.js';
import { stockRoutes } from './stock.js';

/** Every RPC handler of the donations service, as closures over its dependencies. */
export function createRpc(deps: DonationsDeps): RpcRoute[] {
  const routes = [
    ...donationRoutes(deps),
    ...pickupRoutes(deps),
    ...stockRoutes(deps),
    ...lotRoutes(deps),
  ];
  // Every mutation answers a retried idempotency key the same, and refuses it for another request.
  return routes.map((route) => withIdempotencyKey(deps.db, route));
}

export type { DonationsDeps } from './deps.js';
