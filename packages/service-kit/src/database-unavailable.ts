import type { RpcRoute } from '@anbu/bus';
import { RpcError } from '@anbu/bus';
import { isDatabaseUnavailable } from '@anbu/db';

/** The message callers see while a service's database cannot be reached. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'the database is unavailable; try again shortly';

/**
 * Wraps a route so that a handler failing because its database is down or unreachable answers
 * `UNAVAILABLE` (the gateway's 503 with Retry-After) instead of `INTERNAL` (a 500 that says
 * nothing about retrying). Any other error passes through unchanged.
 */
export function answerUnavailableWhenDatabaseDown(route: RpcRoute): RpcRoute {
  return {
    rpc: route.rpc,
    handle: async (input, context) => {
      try {
        return await route.handle(input, context);
      } catch (error) {
        if (error instanceof RpcError || !isDatabaseUnavailable(error)) throw error;
        throw new RpcError('UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE, { cause: error });
      }
    },
  };
}
