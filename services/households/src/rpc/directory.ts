import type { RpcRoute } from '@anbu/bus';
import { handle, RpcError } from '@anbu/bus';
import {
  countHouseholds as countHouseholdsRpc,
  listDistricts,
  listDistrictStaff,
  listOrganisations,
  membershipsForUser,
} from '@anbu/contracts/rpc';

import type { HouseholdsDeps } from './deps.js';
import {
  districtStaff,
  listDistrictRows,
  listOrganisationRows,
  membershipsOf,
} from '../repo/directory.js';
import { countHouseholds } from '../repo/households.js';

/** Organisations, districts, users' memberships and the named staff of a district. */
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

    handle(listDistrictStaff, async (input, { actor }) => {
      // Who works a district is for services (care addresses alerts), not for people to browse.
      if (actor.kind === 'user' && actor.role !== 'admin') {
        throw new RpcError('FORBIDDEN', 'the staff of a district is for services to read');
      }
      return { members: await districtStaff(db, input) };
    }),

    handle(countHouseholdsRpc, async () => ({ total: await countHouseholds(db) })),
  ];
}
