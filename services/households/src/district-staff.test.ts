import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RpcRemoteError } from '@anbu/bus';
import { importBulk, listDistrictStaff } from '@anbu/contracts/rpc';

import type { HouseholdsHarness } from './testing/harness.js';
import {
  caseworkerA,
  FIXTURE,
  seedDirectory,
  startHouseholds,
  systemActor,
} from './testing/harness.js';

describe('memberships.ofDistrict', () => {
  let h: HouseholdsHarness;
  const cityManager = randomUUID();
  const districtBCaseworker = randomUUID();
  const bothDistricts = randomUUID();
  const districtBManager = randomUUID();

  beforeAll(async () => {
    h = await startHouseholds();
    await seedDirectory(h.bus);
    const link = (userId: string, role: 'caseworker' | 'program_manager', codes: string[]) => ({
      id: randomUUID(),
      userId,
      role,
      organisationId: FIXTURE.organisationId,
      districtCodes: codes,
    });
    await h.bus.request(
      importBulk,
      {
        memberships: [
          link(cityManager, 'program_manager', []),
          link(districtBCaseworker, 'caseworker', [FIXTURE.districtB]),
          link(bothDistricts, 'caseworker', [FIXTURE.districtB, FIXTURE.districtA]),
          link(districtBManager, 'program_manager', [FIXTURE.districtB]),
        ],
      },
      { actor: systemActor },
    );
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  const staff = (districtCode: string, roles: ('caseworker' | 'program_manager')[]) =>
    h.bus.request(listDistrictStaff, { districtCode, roles }, { actor: systemActor });

  it('should name the caseworkers who list the district, and no one else', async () => {
    const { members } = await staff(FIXTURE.districtA, ['caseworker']);
    expect(members.map((m) => m.userId).sort()).toEqual(
      [FIXTURE.caseworkerId, bothDistricts].sort(),
    );
    expect(members.every((m) => m.role === 'caseworker')).toBe(true);
  });

  it('should count managers of the whole city (no district) for every district', async () => {
    const a = await staff(FIXTURE.districtA, ['program_manager']);
    expect(a.members).toEqual([{ userId: cityManager, role: 'program_manager' }]);
    const b = await staff(FIXTURE.districtB, ['program_manager']);
    expect(b.members.map((m) => m.userId).sort()).toEqual([cityManager, districtBManager].sort());
  });

  it('should not let a caseworker browse who works a district', async () => {
    const error = await h.bus
      .request(
        listDistrictStaff,
        { districtCode: FIXTURE.districtA, roles: ['caseworker'] },
        {
          actor: caseworkerA,
        },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(RpcRemoteError);
    expect((error as RpcRemoteError).code).toBe('FORBIDDEN');
  });
});
