import { z } from 'zod';

import type { Bus } from '@anbu/bus';
import { defineRpc, roleSchema, SYSTEM_ACTOR } from '@anbu/contracts';

/**
 * One role a user holds in an organisation, with the districts (caseworkers, dispatchers) or
 * the carrier record (carriers) it is scoped to. Mirrors `roleLinkSchema` of the contracts.
 */
export const membershipSchema = z.object({
  role: roleSchema,
  organisationId: z.uuid(),
  districtCodes: z.array(z.string().min(1).max(20)).max(200).default([]),
  carrierId: z.uuid().optional(),
});
export type Membership = z.infer<typeof membershipSchema>;

/**
 * `anbu.rpc.households.memberships.forUser`: the roles a user holds. Households owns
 * organisations and memberships; the gateway only owns the login.
 */
export const membershipsForUserRpc = defineRpc({
  service: 'households',
  method: 'memberships.forUser',
  input: z.object({ userId: z.uuid() }),
  output: z.object({ memberships: z.array(membershipSchema).max(50) }),
});

/** Asks households for the memberships of `userId` (as the system: nobody is signed in yet). */
export async function fetchMemberships(options: {
  bus: Bus;
  userId: string;
}): Promise<Membership[]> {
  const { memberships } = await options.bus.request(
    membershipsForUserRpc,
    { userId: options.userId },
    { actor: SYSTEM_ACTOR, timeoutMs: 3_000 },
  );
  return memberships;
}
