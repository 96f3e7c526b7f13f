import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '@anbu/contracts';
import { RpcRemoteError } from '@anbu/bus';
import {
  grantMembership,
  listMemberships,
  membershipsForUser,
  revokeMembership,
} from '@anbu/contracts/rpc';

import type { HouseholdsHarness } from './testing/harness.js';
import { caseworkerA, FIXTURE, seedDirectory, startHouseholds } from './testing/harness.js';

const admin: Actor = {
  kind: 'user',
  id: randomUUID(),
  role: 'admin',
  organisationId: FIXTURE.organisationId,
  districtCodes: [],
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('memberships.grant / revoke / list (admins manage roles)', () => {
  let h: HouseholdsHarness;

  beforeAll(async () => {
    h = await startHouseholds();
    await seedDirectory(h.bus);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should grant, change the districts of, keep and revoke a role', async () => {
    const userId = randomUUID();
    const link = {
      userId,
      role: 'caseworker' as const,
      organisationId: FIXTURE.organisationId,
      districtCodes: [FIXTURE.districtA],
    };
    const granted = await h.bus.request(grantMembership, link, { actor: admin });
    expect(granted.change).toBe('granted');
    const again = await h.bus.request(grantMembership, link, { actor: admin });
    expect(again).toMatchObject({ change: 'unchanged', membership: { id: granted.membership.id } });

    const widened = await h.bus.request(
      grantMembership,
      { ...link, districtCodes: [FIXTURE.districtA, FIXTURE.districtB] },
      { actor: admin },
    );
    expect(widened.change).toBe('changed');
    expect(widened.before?.districtCodes).toEqual([FIXTURE.districtA]);
    const { memberships } = await h.bus.request(membershipsForUser, { userId }, { actor: admin });
    expect(memberships).toEqual([
      {
        role: 'caseworker',
        organisationId: FIXTURE.organisationId,
        districtCodes: [FIXTURE.districtA, FIXTURE.districtB],
      },
    ]);
    const listed = await h.bus.request(listMemberships, { userIds: [userId] }, { actor: admin });
    expect(listed.memberships).toHaveLength(1);

    const revoke = { userId, organisationId: FIXTURE.organisationId, role: 'caseworker' as const };
    expect(await h.bus.request(revokeMembership, revoke, { actor: admin })).toEqual({
      revoked: true,
    });
    expect(await h.bus.request(revokeMembership, revoke, { actor: admin })).toEqual({
      revoked: false,
    });
    const after = await h.bus.request(membershipsForUser, { userId }, { actor: admin });
    expect(after.memberships).toEqual([]);
  });

  it('should refuse a bad grant naming the field, and store nothing', async () => {
    const userId = randomUUID();
    const error = await failure(
      h.bus.request(
        grantMembership,
        {
          userId,
          role: 'dispatcher',
          organisationId: randomUUID(),
          districtCodes: ['9999999999'],
        },
        { actor: admin },
      ),
    );
    expect(error).toBeInstanceOf(RpcRemoteError);
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual([
      'organisationId',
      'districtCodes.0',
    ]);
    const listed = await h.bus.request(listMemberships, { userIds: [userId] }, { actor: admin });
    expect(listed.memberships).toEqual([]);
  });

  it('should let only admins change roles', async () => {
    const error = await failure(
      h.bus.request(
        grantMembership,
        {
          userId: caseworkerA.id,
          role: 'admin',
          organisationId: FIXTURE.organisationId,
          districtCodes: [],
        },
        { actor: caseworkerA },
      ),
    );
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
    const mine = await h.bus.request(
      membershipsForUser,
      { userId: caseworkerA.id },
      { actor: caseworkerA },
    );
    expect(mine.memberships.map((m) => m.role)).not.toContain('admin');
  });
});
