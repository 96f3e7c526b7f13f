import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf } from '@anbu/contracts';
import { on, RpcRemoteError } from '@anbu/bus';
import { householdUpdated, needCreated } from '@anbu/contracts/events';
import {
  cancelNeed,
  countHouseholds as countHouseholdsRpc,
  enrol,
  fileNeed,
  generateCycleNeeds,
  getHousehold,
  getMatchingProfiles,
  importBulk,
  listHouseholds,
  listNeeds,
  membershipsForUser,
  recordConsent,
  registerHousehold,
  updateHousehold,
  withdrawConsent,
} from '@anbu/contracts/rpc';

import type { HouseholdsHarness } from './testing/harness.js';
import {
  caseworkerA,
  FIXTURE,
  FULL_CONSENT,
  householdInput,
  seedDirectory,
  startHouseholds,
  systemActor,
} from './testing/harness.js';

async function remoteError(promise: Promise<unknown>): Promise<RpcRemoteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcRemoteError))
    throw new Error(`expected an RpcRemoteError, got ${String(error)}`);
  return error;
}

describe('households service', () => {
  // One service for the suite: PGlite takes seconds to start. Tests use their own records.
  let h: HouseholdsHarness;
  beforeAll(async () => {
    h = await startHouseholds();
    await seedDirectory(h.bus);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });
  const total = async () =>
    (await h.bus.request(countHouseholdsRpc, {}, { actor: systemActor })).total;
  it('should register a household and read it back, with personal data encrypted at rest', async () => {
    const created = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    expect(created).toMatchObject({
      name: '김순자',
      districtCode: FIXTURE.districtA,
      version: 1,
      status: 'active',
    });
    const read = await h.bus.request(
      getHousehold,
      { householdId: created.id },
      { actor: caseworkerA },
    );
    expect(read).toEqual(created);
    const row = await h.db
      .selectFrom('households')
      .select('sensitive')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.sensitive).not.toContain('김순자');
    expect(row.sensitive).not.toContain('무왕로');
    expect(JSON.stringify(h.log.lines)).not.toContain('김순자');
  });

  it('should create one household for a retried call with the same idempotency key', async () => {
    const options = { actor: caseworkerA, idempotencyKey: 'register-kim-0001' };
    const before = await total();
    const first = await h.bus.request(registerHousehold, householdInput(), options);
    const second = await h.bus.request(registerHousehold, householdInput(), options);
    expect(second.id).toBe(first.id);
    expect(await total()).toBe(before + 1);
  });

  it('should refuse a malformed payload with BAD_REQUEST naming the field, storing nothing', async () => {
    const before = await total();
    const error = await remoteError(
      h.bus.request(
        registerHousehold,
        householdInput({ memberCount: 0, location: { lat: 'north' } }),
        {
          actor: caseworkerA,
        },
      ),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['memberCount', 'location.lat']),
    );
    expect(await total()).toBe(before);
  });

  it('should refuse an unknown district naming districtCode', async () => {
    const admin = { ...caseworkerA, role: 'admin' as const };
    const error = await remoteError(
      h.bus.request(registerHousehold, householdInput({ districtCode: '9999999999' }), {
        actor: admin,
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues[0]?.path).toBe('districtCode');
  });

  it('should refuse enrolment without consent naming the field, then enrol once consent is recorded', async () => {
    const household = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    const request = {
      householdId: household.id,
      programId: FIXTURE.programId,
      startsOn: '2026-12-01',
    };
    const refused = await remoteError(h.bus.request(enrol, request, { actor: caseworkerA }));
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.issues).toEqual([expect.objectContaining({ path: 'consent' })]);
    const stored = await h.db
      .selectFrom('enrolments')
      .select('id')
      .where('household_id', '=', household.id)
      .execute();
    expect(stored).toEqual([]);

    const consent = await h.bus.request(
      recordConsent,
      {
        householdId: household.id,
        scopes: ['delivery', 'sensitive_data'],
        givenOn: '2026-11-20',
        method: 'written',
      },
      { actor: caseworkerA },
    );
    const enrolment = await h.bus.request(enrol, request, { actor: caseworkerA });
    expect(enrolment).toMatchObject({
      consentId: consent.id,
      status: 'active',
      enrolledBy: FIXTURE.caseworkerId,
    });

    const withdrawn = await h.bus.request(
      withdrawConsent,
      { consentId: consent.id },
      { actor: caseworkerA },
    );
    expect(withdrawn.endedEnrolmentIds).toEqual([enrolment.id]);
    const again = await remoteError(h.bus.request(enrol, request, { actor: caseworkerA }));
    expect(again.issues[0]?.path).toBe('consent');
  });

  it('should keep a caseworker to their own districts', async () => {
    const elsewhere = await remoteError(
      h.bus.request(registerHousehold, householdInput({ districtCode: FIXTURE.districtB }), {
        actor: caseworkerA,
      }),
    );
    expect(elsewhere.code).toBe('FORBIDDEN');
    const list = await remoteError(
      h.bus.request(listHouseholds, { districtCodes: [FIXTURE.districtB] }, { actor: caseworkerA }),
    );
    expect(list.code).toBe('FORBIDDEN');
    expect(list.issues[0]?.path).toBe('districtCodes');
  });

  it('should list households of a district without personal fields, page by page', async () => {
    // District B holds only these five: the other tests register in district A.
    const caseworkerB = { ...caseworkerA, districtCodes: [FIXTURE.districtB] };
    for (let i = 0; i < 5; i++) {
      await h.bus.request(registerHousehold, householdInput({ districtCode: FIXTURE.districtB }), {
        actor: caseworkerB,
      });
    }
    const first = await h.bus.request(
      listHouseholds,
      { districtCodes: [FIXTURE.districtB], limit: 3 },
      { actor: caseworkerB },
    );
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).not.toHaveProperty('name');
    expect(first.items[0]).not.toHaveProperty('address');
    const second = await h.bus.request(
      listHouseholds,
      { districtCodes: [FIXTURE.districtB], limit: 3, cursor: first.nextCursor },
      { actor: caseworkerB },
    );
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeUndefined();
  });

  it('should update with optimistic concurrency and emit household.updated with field names only', async () => {
    const seen: EventOf<typeof householdUpdated>[] = [];
    const consumer = await h.bus.consume({
      durable: 'test_household_updates',
      routes: [on(householdUpdated, (event) => Promise.resolve(void seen.push(event)))],
    });
    const household = await h.bus.request(
      registerHousehold,
      { ...householdInput(), consent: FULL_CONSENT },
      { actor: caseworkerA },
    );
    const updated = await h.bus.request(
      updateHousehold,
      {
        householdId: household.id,
        expectedVersion: 1,
        changes: { riskLevel: 'critical', careNotes: '낙상 위험' },
      },
      { actor: caseworkerA },
    );
    expect(updated).toMatchObject({
      version: 2,
      riskLevel: 'critical',
      careNotes: '낙상 위험',
      name: '김순자',
    });
    const stale = await remoteError(
      h.bus.request(
        updateHousehold,
        { householdId: household.id, expectedVersion: 1, changes: { memberCount: 2 } },
        { actor: caseworkerA },
      ),
    );
    expect(stale.code).toBe('CONFLICT');
    // Only this test's household: the durable also replays the other tests' events.
    const mine = () => seen.filter((event) => event.data.householdId === household.id);
    await expect.poll(() => mine().length, { timeout: 5_000 }).toBe(2);
    await consumer.stop();
    expect(mine()[1]?.data).toEqual({
      householdId: household.id,
      districtCode: FIXTURE.districtA,
      version: 2,
      changedFields: ['careNotes', 'riskLevel'],
    });
    expect(JSON.stringify(mine())).not.toContain('김순자');
  });

  it('should resolve a user’s memberships and import idempotently', async () => {
    const memberships = await h.bus.request(
      membershipsForUser,
      { userId: FIXTURE.caseworkerId },
      { actor: systemActor },
    );
    expect(memberships.memberships).toEqual([
      {
        role: 'caseworker',
        organisationId: FIXTURE.organisationId,
        districtCodes: [FIXTURE.districtA],
      },
    ]);
    const batch = {
      households: [
        {
          id: '55555555-5555-4555-8555-555555555555',
          organisationId: FIXTURE.organisationId,
          household: householdInput(),
          consent: {
            id: '66666666-6666-4666-8666-666666666666',
            scopes: ['delivery' as const],
            givenOn: '2026-10-01',
            method: 'verbal' as const,
            recordedBy: FIXTURE.caseworkerId,
          },
          enrolments: [
            {
              id: '77777777-7777-4777-8777-777777777777',
              programId: FIXTURE.programId,
              startsOn: '2026-12-01',
            },
          ],
        },
      ],
    };
    const before = await total();
    const first = await h.bus.request(importBulk, batch, { actor: systemActor });
    expect(first.created).toMatchObject({ households: 1, consents: 1, enrolments: 1 });
    const second = await h.bus.request(importBulk, batch, { actor: systemActor });
    expect(second.created).toEqual({});
    expect(second.existing).toEqual({ households: 1 });
    expect(await total()).toBe(before + 1);
  });

  it('should file an ad-hoc need with risk-weighted priority, announce it, and cancel it once', async () => {
    const created: EventOf<typeof needCreated>[] = [];
    const consumer = await h.bus.consume({
      durable: 'test_need_created',
      routes: [on(needCreated, (event) => Promise.resolve(void created.push(event)))],
    });
    const household = await h.bus.request(
      registerHousehold,
      { ...householdInput({ riskLevel: 'critical' }), consent: FULL_CONSENT },
      { actor: caseworkerA },
    );
    const need = await h.bus.request(
      fileNeed,
      {
        householdId: household.id,
        category: 'heating',
        quantity: 1,
        unit: 'piece',
        deadline: '2026-12-10',
        priority: 30,
      },
      { actor: caseworkerA },
    );
    expect(need).toMatchObject({
      source: 'ad_hoc',
      status: 'open',
      priority: 70,
      districtCode: FIXTURE.districtA,
    });
    await expect
      .poll(() => created.filter((e) => e.data.needId === need.id).length, { timeout: 5_000 })
      .toBe(1);
    await consumer.stop();
    expect(JSON.stringify(created)).not.toContain('김순자');
    const cancelled = await h.bus.request(cancelNeed, { needId: need.id }, { actor: caseworkerA });
    expect(cancelled.status).toBe('cancelled');
    const again = await remoteError(
      h.bus.request(cancelNeed, { needId: need.id }, { actor: caseworkerA }),
    );
    expect(again.code).toBe('CONFLICT');
  });

  it("should generate a cycle's needs once, and cancel them when consent is withdrawn", async () => {
    const household = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    const consent = await h.bus.request(
      recordConsent,
      { householdId: household.id, scopes: ['delivery'], givenOn: '2026-11-01', method: 'verbal' },
      { actor: caseworkerA },
    );
    await h.bus.request(
      enrol,
      { householdId: household.id, programId: FIXTURE.programId, startsOn: '2026-12-01' },
      { actor: caseworkerA },
    );
    const cycle = { programId: FIXTURE.programId, cycleKey: '2026-W50', deliverBy: '2026-12-08' };
    const first = await h.bus.request(generateCycleNeeds, cycle, { actor: systemActor });
    expect(first.created).toBeGreaterThanOrEqual(1);
    const second = await h.bus.request(generateCycleNeeds, cycle, { actor: systemActor });
    expect(second).toEqual({ created: 0, alreadyPresent: first.created + first.alreadyPresent });
    const mine = await h.bus.request(
      listNeeds,
      { householdId: household.id },
      { actor: caseworkerA },
    );
    expect(mine.items).toEqual([
      expect.objectContaining({ source: 'cycle', cycleKey: '2026-W50', status: 'open' }),
    ]);
    const withdrawn = await h.bus.request(
      withdrawConsent,
      { consentId: consent.id },
      { actor: caseworkerA },
    );
    expect(withdrawn.cancelledNeedIds).toEqual(mine.items.map((n) => n.id));
  });

  it('should give the matcher profiles without names or addresses, and refuse caseworkers', async () => {
    const household = await h.bus.request(
      registerHousehold,
      householdInput({ allergens: ['peanut'] }),
      { actor: caseworkerA },
    );
    const service = { kind: 'service' as const, id: 'matching', districtCodes: [] };
    const { profiles } = await h.bus.request(
      getMatchingProfiles,
      { householdIds: [household.id] },
      { actor: service },
    );
    expect(profiles).toEqual([
      {
        householdId: household.id,
        districtCode: FIXTURE.districtA,
        type: 'elderly_alone',
        riskLevel: 'high',
        memberCount: 1,
        dietaryTags: ['soft_food'],
        allergens: ['peanut'],
        location: household.location,
      },
    ]);
    const refused = await remoteError(
      h.bus.request(getMatchingProfiles, { householdIds: [household.id] }, { actor: caseworkerA }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });
});
