import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf } from '@anbu/contracts';
import { on, RpcRemoteError } from '@anbu/bus';
import { needCancelled } from '@anbu/contracts/events';
import {
  countHouseholds,
  enrol,
  fileNeed,
  generateCycleNeeds,
  getHousehold,
  listConsents,
  listEnrolments,
  listNeeds,
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

const blanket = {
  category: 'bedding' as const,
  quantity: 1,
  unit: 'piece' as const,
  deadline: '2026-12-20',
};

describe('consent gates', () => {
  let h: HouseholdsHarness;
  beforeAll(async () => {
    h = await startHouseholds();
    await seedDirectory(h.bus);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });
  const total = async () =>
    (await h.bus.request(countHouseholds, {}, { actor: systemActor })).total;

  it('should refuse health notes without the sensitive-data consent, naming careNotes', async () => {
    const before = await total();
    const bare = await remoteError(
      h.bus.request(registerHousehold, householdInput({ careNotes: '우울증 치료 중' }), {
        actor: caseworkerA,
      }),
    );
    expect(bare.code).toBe('PRECONDITION_FAILED');
    expect(bare.issues.map((i) => i.path)).toEqual(['careNotes']);
    const deliveryOnly = await remoteError(
      h.bus.request(
        registerHousehold,
        {
          ...householdInput({ careNotes: '우울증 치료 중' }),
          consent: { scopes: ['delivery'], givenOn: '2026-11-01', method: 'written' },
        },
        { actor: caseworkerA },
      ),
    );
    expect(deliveryOnly.issues.map((i) => i.path)).toEqual(['careNotes']);
    expect(await total()).toBe(before);

    const registered = await h.bus.request(
      registerHousehold,
      { ...householdInput({ careNotes: '우울증 치료 중' }), consent: FULL_CONSENT },
      { actor: caseworkerA },
    );
    expect(registered.careNotes).toBe('우울증 치료 중');
    const consents = await h.bus.request(
      listConsents,
      { householdId: registered.id },
      { actor: caseworkerA },
    );
    expect(consents.items).toEqual([
      expect.objectContaining({
        scopes: ['delivery', 'sensitive_data'],
        recordedBy: caseworkerA.id,
      }),
    ]);
  });

  it('should refuse adding a crisis note by update without the consent, naming changes.careNotes', async () => {
    const household = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    const refused = await remoteError(
      h.bus.request(
        updateHousehold,
        { householdId: household.id, expectedVersion: 1, changes: { careNotes: '자살 위험' } },
        { actor: caseworkerA },
      ),
    );
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.issues.map((i) => i.path)).toEqual(['changes.careNotes']);
    // Changing other fields is fine without it.
    const updated = await h.bus.request(
      updateHousehold,
      { householdId: household.id, expectedVersion: 1, changes: { memberCount: 2 } },
      { actor: caseworkerA },
    );
    expect(updated).toMatchObject({ memberCount: 2, version: 2 });
    expect(updated.careNotes).toBeUndefined();
  });

  it('should refuse enrolment and new needs without a delivery consent, naming consent', async () => {
    const household = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    const enrolment = await remoteError(
      h.bus.request(
        enrol,
        { householdId: household.id, programId: FIXTURE.programId, startsOn: '2026-12-01' },
        { actor: caseworkerA },
      ),
    );
    expect(enrolment.code).toBe('PRECONDITION_FAILED');
    expect(enrolment.issues.map((i) => i.path)).toEqual(['consent']);
    const need = await remoteError(
      h.bus.request(fileNeed, { householdId: household.id, ...blanket }, { actor: caseworkerA }),
    );
    expect(need.code).toBe('PRECONDITION_FAILED');
    expect(need.issues.map((i) => i.path)).toEqual(['consent']);
    const needs = await h.bus.request(
      listNeeds,
      { householdId: household.id },
      { actor: caseworkerA },
    );
    expect(needs.items).toEqual([]);
  });

  it('should end enrolments, cancel every open need and erase care notes when consent is withdrawn', async () => {
    const cancelledEvents: EventOf<typeof needCancelled>[] = [];
    const consumer = await h.bus.consume({
      durable: 'test_consent_need_cancelled',
      routes: [on(needCancelled, (event) => Promise.resolve(void cancelledEvents.push(event)))],
    });
    const household = await h.bus.request(
      registerHousehold,
      { ...householdInput({ careNotes: '당뇨, 낙상 위험' }), consent: FULL_CONSENT },
      { actor: caseworkerA },
    );
    const [consent] = (
      await h.bus.request(listConsents, { householdId: household.id }, { actor: caseworkerA })
    ).items;
    const enrolment = await h.bus.request(
      enrol,
      { householdId: household.id, programId: FIXTURE.programId, startsOn: '2026-12-01' },
      { actor: caseworkerA },
    );
    await h.bus.request(
      generateCycleNeeds,
      { programId: FIXTURE.programId, cycleKey: 'gates-W49', deliverBy: '2026-12-02' },
      { actor: systemActor },
    );
    const adHoc = await h.bus.request(
      fileNeed,
      { householdId: household.id, ...blanket },
      { actor: caseworkerA },
    );
    const open = await h.bus.request(
      listNeeds,
      { householdId: household.id },
      { actor: caseworkerA },
    );
    expect(open.items.map((n) => n.source).sort()).toEqual(['ad_hoc', 'cycle']);

    const withdrawn = await h.bus.request(
      withdrawConsent,
      { consentId: consent?.id ?? '' },
      { actor: caseworkerA },
    );
    expect(withdrawn.endedEnrolmentIds).toEqual([enrolment.id]);
    expect(withdrawn.cancelledNeedIds.sort()).toEqual(open.items.map((n) => n.id).sort());
    expect(withdrawn.cancelledNeedIds).toContain(adHoc.id);

    const enrolments = await h.bus.request(
      listEnrolments,
      { householdId: household.id },
      { actor: caseworkerA },
    );
    expect(enrolments.items[0]).toMatchObject({
      status: 'ended',
      endedReason: 'consent_withdrawn',
    });
    const after = await h.bus.request(
      getHousehold,
      { householdId: household.id },
      { actor: caseworkerA },
    );
    expect(after.careNotes).toBeUndefined();
    expect(after.name).toBe(household.name);
    await expect
      .poll(() => cancelledEvents.filter((e) => e.data.householdId === household.id).length, {
        timeout: 5_000,
      })
      .toBe(2);
    await consumer.stop();
    expect(cancelledEvents.every((e) => e.data.reason === 'consent_withdrawn')).toBe(true);

    const refused = await remoteError(
      h.bus.request(fileNeed, { householdId: household.id, ...blanket }, { actor: caseworkerA }),
    );
    expect(refused.issues.map((i) => i.path)).toEqual(['consent']);
    // A new consent opens the door again.
    await h.bus.request(
      recordConsent,
      { householdId: household.id, ...FULL_CONSENT, givenOn: '2026-11-20' },
      { actor: caseworkerA },
    );
    const again = await h.bus.request(
      fileNeed,
      { householdId: household.id, ...blanket },
      { actor: caseworkerA },
    );
    expect(again.status).toBe('open');
  });
});
