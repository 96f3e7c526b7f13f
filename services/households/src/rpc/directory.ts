import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import {
  countHouseholds as countHouseholdsRpc,
  listDistricts,
  listOrganisations,
  membershipsForUser,
} from '@anbu/contracts/rpc';

import type { HouseholdsDeps } from './deps.js';
import { listDistrictRows, listOrganisationRows, membershipsOf } from '../repo/directory.js';
import { countHouseholds } from '../repo/households.js';

/** Organisations, districts and users' memberships. */
export function directoryRoutes(deps: HouseholdsDeps): RpcRoute[] {
  const { db } = deps;
  return [
    handle(listOrganisations, async (input) =>
      listOrganisationRows(db, { kinds: input.kinds, cursor: input.cursor, limit: input.limit }),
    ),

    handle(listDistricts, async () => ({ items: await listDistrictRows(db) })),

    handle(membershipsForUser, async (input, { actor }) => {
      // Only the gateway (signing a user in, as system) or the user themself may ask.
      if (actor.kind === 'user' && actor.id !== input.userId && actor.role !== 'admin') {
        throw new RpcError('FORBIDDEN', "another user's memberships are not yours to read");
      }
      return { memberships: await membershipsOf(db, input.userId) };
    }),

    handle(countHouseholdsRpc, async () => ({ total: await countHouseholds(db) })),
  ];
}
