import type { RpcRoute } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import {
  countHouseholds as countHouseholdsRpc,
  grantMembership,
  listDistricts,
  listDistrictStaff,
  listMemberships,
  listOrganisations,
  membershipsForUser,
  revokeMembership,
} from '@anbu/contracts/rpc';
import { idFor } from '@anbu/service-kit';

import type { HouseholdsDeps } from './deps.js';
import { membershipIssues } from '../domain/membership-rules.js';
import {
  districtExists,
  districtStaff,
  grantMembershipRow,
  listDistrictRows,
  listOrganisationRows,
  membershipsOf,
  membershipsOfUsers,
  organisationExists,
  revokeMembershipRow,
} from '../repo/directory.js';
import { countHouseholds } from '../repo/households.js';

/** Throws FORBIDDEN unless the actor is an admin (or the system) or, for reads, an auditor. */
function requireAdmin(actor: Actor, options: { read?: boolean } = {}): void {
  if (actor.kind !== 'user') return;
  if (actor.role === 'admin' || (options.read === true && actor.role === 'auditor')) return;
  throw new RpcError('FORBIDDEN', `role ${actor.role ?? actor.kind} may not manage roles`);
}

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

    handle(grantMembership, async (input, { actor, idempotencyKey }) => {
      requireAdmin(actor);
      const unknownDistricts = [];
      for (const code of input.districtCodes) {
        if (!(await districtExists(db, code))) unknownDistricts.push(code);
      }
      const issues = membershipIssues(input, {
        organisationExists: await organisationExists(db, input.organisationId),
        unknownDistricts,
      });
      if (issues.length > 0) {
        throw new RpcError('BAD_REQUEST', issues.map((i) => `${i.path}: ${i.message}`).join('; '), {
          issues,
        });
      }
      const { userId, ...link } = input;
      return grantMembershipRow(db, {
        ...link,
        userId,
        newId: idFor({ actor, idempotencyKey }, 'membership'),
      });
    }),

    handle(revokeMembership, async (input, { actor }) => {
      requireAdmin(actor);
      return { revoked: await revokeMembershipRow(db, input) };
    }),

    handle(listMemberships, async (input, { actor }) => {
      requireAdmin(actor, { read: true });
      return { memberships: await membershipsOfUsers(db, input.userIds) };
    }),

    handle(countHouseholdsRpc, async () => ({ total: await countHouseholds(db) })),
  ];
}
