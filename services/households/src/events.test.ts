import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf } from '@anbu/contracts';
import { on } from '@anbu/bus';
import { needCreated, needRequested } from '@anbu/contracts/events';
import { listNeeds, registerHousehold } from '@anbu/contracts/rpc';

import type { HouseholdsHarness } from './testing/harness.js';
import {
  caseworkerA,
  FULL_CONSENT,
  householdInput,
  seedDirectory,
  startHouseholds,
} from './testing/harness.js';

function request(data: Partial<EventOf<typeof needRequested>['data']> & { householdId: string }) {
  const envelope: EventOf<typeof needRequested> = {
    id: randomUUID(),
    type: needRequested.type,
    version: needRequested.version,
    occurredAt: new Date().toISOString(),
    data: {
      requestId: randomUUID(),
      kind: 'visit',
      reason: 'unanswered_check_in',
      alertId: randomUUID(),
      category: 'welfare_visit',
      quantity: 1,
      unit: 'visit',
      deadline: '2026-11-27',
      priority: 50,
      ...data,
    },
  };
  return envelope;
}

describe('need requests from care', () => {
  let h: HouseholdsHarness;
  const created: EventOf<typeof needCreated>[] = [];
  beforeAll(async () => {
    h = await startHouseholds();
    await seedDirectory(h.bus);
    await h.bus.consume({
      durable: 'test_follow_up_created',
      routes: [on(needCreated, (event) => Promise.resolve(void created.push(event)))],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  const needsOf = async (householdId: string) =>
    (await h.bus.request(listNeeds, { householdId }, { actor: caseworkerA })).items;

  it('should file one follow-up need per request, however often the request is delivered', async () => {
    const household = await h.bus.request(
      registerHousehold,
      { ...householdInput({ riskLevel: 'critical' }), consent: FULL_CONSENT },
      { actor: caseworkerA },
    );
    const event = request({ householdId: household.id });
    await h.bus.publish(needRequested.subject, event);
    // Redelivered with the same event id, and re-sent by care with a new event id.
    await h.bus.publish(needRequested.subject, event);
    await h.bus.publish(needRequested.subject, { ...event, id: randomUUID() });
    await expect.poll(async () => (await needsOf(household.id)).length, { timeout: 5_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const needs = await needsOf(household.id);
    expect(needs).toEqual([
      expect.objectContaining({
        source: 'follow_up',
        requestId: event.data.requestId,
        alertId: event.data.alertId,
        category: 'welfare_visit',
        unit: 'visit',
        description: 'welfare visit: a check-in went unanswered',
        deadline: '2026-11-27',
        // 50 asked + 40 for a critical household.
        priority: 90,
        createdBy: 'care',
        status: 'open',
      }),
    ]);
    await expect
      .poll(() => created.filter((e) => e.data.householdId === household.id).length, {
        timeout: 5_000,
      })
      .toBe(1);
    expect(created.find((e) => e.data.householdId === household.id)?.data).toMatchObject({
      source: 'follow_up',
      requestId: event.data.requestId,
    });
  });

  it('should file nothing for a household without a live delivery consent', async () => {
    const household = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    const consented = await h.bus.request(
      registerHousehold,
      { ...householdInput(), consent: FULL_CONSENT },
      { actor: caseworkerA },
    );
    await h.bus.publish(needRequested.subject, request({ householdId: household.id }));
    // A later request for another household shows the first one was processed before it.
    await h.bus.publish(needRequested.subject, request({ householdId: consented.id }));
    await expect.poll(async () => (await needsOf(consented.id)).length, { timeout: 5_000 }).toBe(1);
    expect(await needsOf(household.id)).toEqual([]);
  });
});
