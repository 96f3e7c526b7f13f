import type { Context } from 'hono';

import type { Donation } from '@anbu/contracts';
import { RpcRemoteError } from '@anbu/bus';
import { getDonation } from '@anbu/contracts/rpc';

import type { RestEnv } from './env.js';
import { outOfScope } from '../trpc/object-scope.js';

/**
 * One of the API key's organisation's donations. Another organisation's donation and an id
 * that does not exist answer the same 403 (the tRPC routers' {@link outOfScope}), so that a
 * partner cannot learn whether someone else's donation exists.
 */
export async function donationOfKey(c: Context<RestEnv>, donationId: string): Promise<Donation> {
  let donation: Donation;
  try {
    donation = await c.var.call(getDonation, { donationId });
  } catch (error) {
    if (error instanceof RpcRemoteError && error.code === 'NOT_FOUND') throw outOfScope();
    throw error;
  }
  if (donation.organisationId !== c.var.actor.organisationId) throw outOfScope();
  return donation;
}
