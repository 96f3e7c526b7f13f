import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf, WelfareChecklist } from '@anbu/contracts';
import { on, RpcRemoteError } from '@anbu/bus';
import { alertRaised, needRequested, stopUpdated } from '@anbu/contracts/events';
import {
  getAlert,
  householdTimeline,
  ingestSignal,
  listAlerts,
  listMealFeedback,
  listNotifications,
  reportVisit,
} from '@anbu/contracts/rpc';

import type { CareHarness } from './testing/harness.js';
import { feedSignals } from './simulate/feed-signals.js';
import { planSignals } from './simulate/plan-signals.js';
import { serveNeighbours } from './testing/fake-neighbours.js';
import { startCare, testClock } from './testing/harness.js';

const MOHYEON = '5214057000';
const HAMYEOL = '5214025000';
const DAY = '2026-11-25';
const clock = testClock('2026-11-25T01:00:00.000Z');
const carrierId = randomUUID();
const carrier = {
  kind: 'user' as const,
  id: randomUUID(),
  role: 'carrier' as const,
  carrierId,
  districtCodes: [],
};
const caseworker = {
  kind: 'user' as const,
  id: randomUUID(),
  role: 'caseworker' as const,
  districtCodes: [MOHYEON],
};
const manager = { ...caseworker, role: 'program_manager' as const, districtCodes: [] };
const feed = {
  kind: 'api_key' as const,
  id: randomUUID(),
  role: 'partner' as const,
  districtCodes: [],
};

const calm: WelfareChecklist = {
  seenInPerson: true,
  mealsSkipped: false,
  illnessOrInjury: false,
  untouchedEarlierDeliveries: false,
  homeConditions: 'normal',
  mood: 'usual',
  askedForHelp: false,
};

async function remoteError(promise: Promise<unknown>): Promise<RpcRemoteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcRemoteError))
    throw new Error(`expected an RpcRemoteError, got ${String(error)}`);
  return error;
}

describe('care welfare checks', () => {
  let h: CareHarness;
  const districts = new Map<string, string>();
  const stops = new Map<string, string>();
  const raised: EventOf<typeof alertRaised>[] = [];
  const requested: EventOf<typeof needRequested>[] = [];

  beforeAll(async () => {
    h = await startCare({ service: { now: clock.now } });
    await serveNeighbours(h.bus, {
      districts,
      routes: new Map([[carrierId, { date: DAY, stops }]]),
    });
    await h.bus.consume({
      durable: 'test_welfare',
      routes: [
        on(alertRaised, (e) => Promise.resolve(void raised.push(e))),
        on(needRequested, (e) => Promise.resolve(void requested.push(e))),
      ],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  /** A household of `district` with a stop on the carrier's route of today. */
  const household = (district = MOHYEON) => {
    const householdId = randomUUID();
    const stopId = randomUUID();
    districts.set(householdId, district);
    stops.set(stopId, householdId);
    return { householdId, stopId };
  };
  const stopOf = (householdId: string) => {
    const stopId = randomUUID();
    stops.set(stopId, householdId);
    return stopId;
  };

  it('should raise a critical alert for the district from a crisis visit, notify, and answer a repeat the same', async () => {
    const { householdId, stopId } = household();
    const input = {
      stopId,
      visitedAt: clock.now().toISOString(),
      checklist: { ...calm, askedForHelp: true, mood: 'distressed' as const },
      mealFeedback: { liked: false, portion: 'too_much' as const, avoid: ['spicy'] },
      note: 'Said they had not eaten for two days',
    };
    const first = await h.bus.request(reportVisit, input, {
      actor: carrier,
      idempotencyKey: 'visit-key-1',
    });
    expect(first.report).toMatchObject({ householdId, carrierId });
    expect(first.observations.map((o) => o.kind).sort()).toEqual(['asked_for_help', 'distress']);
    expect(first.raisedAlertIds).toHaveLength(1);
    const alertId = first.raisedAlertIds[0] ?? '';
    const alert = await h.bus.request(getAlert, { alertId }, { actor: caseworker });
    expect(alert).toMatchObject({
      severity: 'critical',
      districtCode: MOHYEON,
      reason: 'distress',
    });
    expect(alert.summary).not.toContain('eaten');

    const again = await h.bus.request(reportVisit, input, {
      actor: carrier,
      idempotencyKey: 'visit-key-2',
    });
    expect(again.report.id).toBe(first.report.id);
    expect(again.raisedAlertIds).toEqual(first.raisedAlertIds);

    await expect.poll(() => raised.filter((e) => e.data.alertId === alertId).length).toBe(1);
    expect(raised.find((e) => e.data.alertId === alertId)?.data.districtCode).toBe(MOHYEON);
    // The log channel sends it at once; the caseworker of the district sees it in their list.
    await expect
      .poll(async () => {
        const page = await h.bus.request(listNotifications, { alertId }, { actor: caseworker });
        return page.items.map((n) => [n.channel, n.status, n.recipientRole]);
      })
      .toEqual([['log', 'sent', 'caseworker']]);
  });

  it("should refuse a stop that is not on the carrier's route, and people who are not carriers", async () => {
    const visit = { stopId: randomUUID(), visitedAt: clock.now().toISOString(), checklist: calm };
    expect((await remoteError(h.bus.request(reportVisit, visit, { actor: carrier }))).code).toBe(
      'NOT_FOUND',
    );
    const { stopId } = household();
    expect(
      (await remoteError(h.bus.request(reportVisit, { ...visit, stopId }, { actor: caseworker })))
        .code,
    ).toBe('FORBIDDEN');
  });

  it('should alert when nobody is home twice in a row, from stop updates, but not once', async () => {
    const { householdId, stopId } = household();
    const publish = (id: string, status: 'not_home' | 'delivered', minutesAgo: number) =>
      h.bus.publish(stopUpdated.subject, {
        id: randomUUID(),
        type: stopUpdated.type,
        version: stopUpdated.version,
        occurredAt: clock.now().toISOString(),
        data: {
          stopId: id,
          routeId: randomUUID(),
          orderId: randomUUID(),
          kind: 'delivery',
          householdId,
          carrierId,
          status,
          at: new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString(),
          returnedToPool: status === 'not_home',
        },
      });
    const alertsOf = async () =>
      (await h.bus.request(listAlerts, { householdId }, { actor: caseworker })).items.map(
        (a) => a.reason,
      );
    await publish(stopId, 'not_home', 3 * 24 * 60);
    await publish(stopOf(householdId), 'delivered', 2 * 24 * 60);
    await expect
      .poll(
        async () =>
          (await h.bus.request(householdTimeline, { householdId }, { actor: caseworker })).items
            .length,
      )
      .toBe(1);
    expect(await alertsOf()).toEqual([]);
    await publish(stopOf(householdId), 'not_home', 24 * 60);
    await expect.poll(alertsOf).toEqual(['not_home_twice']);
  });

  it('should store and give back a signal of any year the contracts accept (year 20 was a 500)', async () => {
    const { householdId } = household();
    for (const observedAt of ['0020-05-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z']) {
      const signal = await h.bus.request(
        ingestSignal,
        { householdId, source: 'smart_plug', kind: 'ok', observedAt },
        { actor: feed },
      );
      expect(signal.observedAt).toBe(observedAt);
    }
    const timeline = await h.bus.request(householdTimeline, { householdId }, { actor: caseworker });
    expect(
      timeline.items.flatMap((e) => (e.kind === 'signal' ? [e.signal.observedAt] : [])).sort(),
    ).toEqual(['0001-01-01T00:00:00.000Z', '0020-05-01T00:00:00.000Z']);
  });

  it('should alert a missed AI call after its retries, and let an ok clear another episode', async () => {
    const { householdId } = household();
    const signal = (kind: 'missed_call' | 'ok', minutes: number) =>
      h.bus.request(
        ingestSignal,
        {
          householdId,
          source: 'ai_call',
          kind,
          observedAt: new Date(clock.now().getTime() + minutes * 60_000).toISOString(),
        },
        { actor: feed },
      );
    const states = [];
    for (const minutes of [0, 2.5, 5, 7.5])
      states.push((await signal('missed_call', minutes)).state);
    expect(states).toEqual(['retrying', 'retrying', 'retrying', 'alerted']);

    const other = household();
    const first = await h.bus.request(
      ingestSignal,
      {
        householdId: other.householdId,
        source: 'ai_call',
        kind: 'missed_call',
        observedAt: clock.now().toISOString(),
      },
      { actor: feed, idempotencyKey: 'call-key-1' },
    );
    const repeat = await h.bus.request(
      ingestSignal,
      {
        householdId: other.householdId,
        source: 'ai_call',
        kind: 'missed_call',
        observedAt: clock.now().toISOString(),
      },
      { actor: feed, idempotencyKey: 'call-key-1' },
    );
    expect(repeat).toEqual(first);
    const ok = await h.bus.request(
      ingestSignal,
      {
        householdId: other.householdId,
        source: 'ai_call',
        kind: 'ok',
        observedAt: clock.now().toISOString(),
      },
      { actor: feed },
    );
    expect(ok.state).toBe('cleared');
    const timeline = await h.bus.request(
      householdTimeline,
      { householdId: other.householdId },
      { actor: caseworker },
    );
    const signals = timeline.items.flatMap((e) => (e.kind === 'signal' ? [e.signal.state] : []));
    expect(signals.sort()).toEqual(['cleared', 'cleared']);
  });

  it('should refuse signals for unknown households and from people', async () => {
    const input = {
      householdId: randomUUID(),
      source: 'smart_plug' as const,
      kind: 'no_power_change' as const,
      observedAt: clock.now().toISOString(),
    };
    const unknown = await remoteError(h.bus.request(ingestSignal, input, { actor: feed }));
    expect([unknown.code, unknown.issues[0]?.path]).toEqual(['NOT_FOUND', 'householdId']);
    const { householdId } = household();
    expect(
      (
        await remoteError(
          h.bus.request(ingestSignal, { ...input, householdId }, { actor: caseworker }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('should draw alerts from the door-step checklist a stop update carries', async () => {
    const { householdId, stopId } = household();
    await h.bus.publish(stopUpdated.subject, {
      id: randomUUID(),
      type: stopUpdated.type,
      version: stopUpdated.version,
      occurredAt: clock.now().toISOString(),
      data: {
        stopId,
        routeId: randomUUID(),
        orderId: randomUUID(),
        kind: 'visit',
        householdId,
        carrierId,
        status: 'delivered',
        at: clock.now().toISOString(),
        returnedToPool: false,
        checklist: { ...calm, illnessOrInjury: true, askedForHelp: true },
      },
    });
    await expect
      .poll(async () =>
        (await h.bus.request(listAlerts, { householdId }, { actor: caseworker })).items.map(
          (a) => a.districtCode,
        ),
      )
      .toEqual([MOHYEON]);
    const timeline = await h.bus.request(householdTimeline, { householdId }, { actor: caseworker });
    const kinds = JSON.stringify(timeline.items);
    expect(kinds).toContain('asked_for_help');
    expect(kinds).toContain('illness_or_injury');
  });

  it('should alert an unanswered no_activity after its retries and then ask for a visit once', async () => {
    const { householdId } = household(HAMYEOL);
    const signal = await h.bus.request(
      ingestSignal,
      {
        householdId,
        source: 'phone_inactivity',
        kind: 'no_activity',
        observedAt: clock.now().toISOString(),
      },
      { actor: feed },
    );
    expect(signal.state).toBe('retrying');
    const hamyeol = { ...caseworker, districtCodes: [HAMYEOL] };
    const alerts = async () =>
      (await h.bus.request(listAlerts, { householdId }, { actor: hamyeol })).items;
    // phone_inactivity: 1 retry up to 60 min apart, 10 min grace.
    clock.advance(69 * 60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await alerts()).toEqual([]);
    clock.advance(2 * 60_000);
    await expect
      .poll(async () => (await alerts()).map((a) => [a.reason, a.severity]))
      .toEqual([['no_activity', 'medium']]);
    const alertId = (await alerts())[0]?.id;
    // Nobody clears it by phone within 2 hours (medium): a visit is requested, once.
    clock.advance(2 * 3600_000 + 60_000);
    await expect
      .poll(() => requested.filter((e) => e.data.householdId === householdId).length)
      .toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    const requests = requested.filter((e) => e.data.householdId === householdId);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.data).toMatchObject({
      kind: 'visit',
      reason: 'unanswered_check_in',
      alertId,
      districtCode: HAMYEOL,
      category: 'welfare_visit',
      quantity: 1,
      unit: 'visit',
    });
  });

  it('should list meal-box feedback of a period for managers, and of their districts for caseworkers', async () => {
    const mine = household();
    const theirs = household(HAMYEOL);
    for (const { stopId } of [mine, theirs]) {
      await h.bus.request(
        reportVisit,
        {
          stopId,
          visitedAt: clock.now().toISOString(),
          checklist: calm,
          mealFeedback: { portion: 'too_little', avoid: ['fish'] },
        },
        { actor: carrier },
      );
    }
    const ids = async (actor: typeof caseworker | typeof manager) =>
      (
        await h.bus.request(listMealFeedback, { from: DAY, to: DAY, limit: 200 }, { actor })
      ).items.map((f) => f.householdId);
    expect(await ids(manager)).toEqual(
      expect.arrayContaining([mine.householdId, theirs.householdId]),
    );
    const caseworkerSees = await ids(caseworker);
    expect(caseworkerSees).toContain(mine.householdId);
    expect(caseworkerSees).not.toContain(theirs.householdId);
    const elsewhere = await h.bus.request(
      listMealFeedback,
      { from: '2026-11-20', to: '2026-11-21' },
      { actor: manager },
    );
    expect(elsewhere.items).toEqual([]);
  });

  it('should turn a simulated day of the feeds into alerts for exactly the households that never answered', async () => {
    const SIM = 'SIM01';
    const watched = Array.from({ length: 200 }, (_, i) => {
      const id = randomUUID();
      districts.set(id, SIM);
      return { id, riskLevel: (['critical', 'high'] as const)[i % 2] ?? 'high' };
    });
    const signals = planSignals({
      households: watched,
      seed: 'welfare-test',
      start: new Date(clock.now().getTime() - 5 * 3600_000),
    });
    const report = await feedSignals({
      signals,
      runId: 'welfare-test',
      send: async (signal, idempotencyKey) => {
        await h.bus.request(ingestSignal, signal, { actor: feed, idempotencyKey });
      },
    });
    expect(report).toMatchObject({ sent: signals.length, failed: 0 });
    const last = new Map(signals.map((s) => [s.householdId, s.kind]));
    const unanswered = [...last].filter(([, kind]) => kind !== 'ok').map(([id]) => id);
    expect(unanswered.length).toBeGreaterThan(5);
    const simCaseworker = { ...caseworker, districtCodes: [SIM] };
    await expect
      .poll(
        async () =>
          (await h.bus.request(listAlerts, { limit: 200 }, { actor: simCaseworker })).items
            .map((a) => a.householdId)
            .sort(),
        { timeout: 10_000 },
      )
      .toEqual(unanswered.sort());
  });
});
