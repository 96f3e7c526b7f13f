import type { Bus } from '@anbu/bus';
import type { RoleLink } from '@anbu/contracts';
import { roleLinkSchema, SYSTEM_ACTOR } from '@anbu/contracts';
import { membershipsForUser } from '@anbu/contracts/rpc';

/**
 * One role a user holds in an organisation, with the districts (caseworkers, dispatchers) or
 * the carrier record (carriers) it is scoped to: the contracts' `RoleLink`.
 */
export const membershipSchema = roleLinkSchema;
export type Membership = RoleLink;

/** How long sign-in waits for households to answer. */
export const MEMBERSHIPS_TIMEOUT_MS = 3_000;

/**
 * Asks households (which owns organisations and memberships; the gateway owns only the login)
 * for the roles of `userId`, as the system: nobody is signed in yet.
 */
export async function fetchMemberships(options: {
  bus: Bus;
  userId: string;
}): Promise<Membership[]> {
  const { memberships } = await options.bus.request(
    membershipsForUser,
    { userId: options.userId },
    { actor: SYSTEM_ACTOR, timeoutMs: MEMBERSHIPS_TIMEOUT_MS },
  );
  return memberships;
}
