import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Alert, CheckInSignal, Need, Notification, Plan, Shift } from '@anbu/contracts';
import type { DemoCity, DemoHousehold, DemoUser } from '@anbu/demo-city';
import { hasNatsServer } from '@anbu/bus/testing';
import { seoulDate, SYSTEM_ACTOR } from '@anbu/contracts';
import { importBulk, importDispatchBulk, importDonationsBulk } from '@anbu/contracts/rpc';
import { hasPostgres } from '@anbu/db/testing';
import { createDemoCity, demoId, seedPayloads } from '@anbu/demo-city';

import type { TrpcCall } from './harness/gateway-calls.js';
import type { RunningSystem } from './harness/start-system.js';
import { eventually } from './harness/eventually.js';
import { planDay, trpcData } from './harness/gateway-calls.js';
import { PLANNING_DISPATCH, startSystem } from './harness/start-system.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

const MINUTE = 60_000;
/** Demo households to seed: enough to pick one in a district with its own caseworker. */
const HOUSEHOLDS = 60;

/** Seeds the demo city through the import RPCs and the gateway's users, as the embedded start does. */
async function seedDemoCity(system: RunningSystem, city: DemoCity): Promise<void> {
  const payloads = seedPayloads(city);
  const call = { actor: SYSTEM_ACTOR, timeoutMs: 60_000 };
  await system.bus.request(importDonationsBulk, payloads.donations, call);
  await system.bus.request(importDispatchBulk, payloads.dispatch, call);
  for (const batch of payloads.households) {
    const report = await system.bus.request(importBulk, batch, call);
    if (report.failed.length > 0) throw new Error(`seed failed: ${JSON.stringify(report.failed)}`);
  }
  for (const user of city.users) {
    await system.gateway.createUser({
      id: user.id,
      login: user.login,
      displayName: user.displayName,
      password: user.password,
    });
  }
}

/** The demo fleet's shifts of `date`: every carrier at their usual hours (as the demo day has). */
function demoShifts(city: DemoCity, date: string): Shift[] {
  return city.carriers.map((carrier) => ({
    id: demoId(city.seed, 'shift', `${date}:${carrier.id}`),
    carrierId: carrier.id,
    vehicleId: carrier.vehicle.id,
    date,
    window: {
      start: `${date}T${carrier.shift.start}:00+09:00`,
      end: `${date}T${carrier.shift.end}:00+09:00`,
    },
    startDepotId: carrier.homeDepotId,
    cancelled: false,
  }));
}

describe.skipIf(!servers)(
  'an unanswered no_activity signal becomes an alert for the caseworker and a visit stop (issue 6)',
  () => {
    let system: RunningSystem;
    const city = createDemoCity({ householdCount: HOUSEHOLDS });
    const cookies = { dispatcher: '', caseworker: '', otherCaseworker: '' };
    let household: DemoHousehold;
    let feedKey = '';
    let signal: CheckInSignal;
    let alert: Alert;
    let caseworkerId = '';
    let plan: Plan;

    const trpc = <T>(path: string, call: TrpcCall) => trpcData<T>(system.http, path, call);
    const caseworkerOf = (districtCode: string): DemoUser | undefined =>
      city.users.find(
        (u) => u.roles.includes('caseworker') && u.districtCodes.includes(districtCode),
      );
    const postSignal = (body: unknown, idempotencyKey: string) =>
      system.http.rest<CheckInSignal>('POST', '/signals', {
        apiKey: feedKey,
        idempotencyKey,
        body,
      });
    const alertsOf = (cookie: string) =>
      trpc<{ items: Alert[] }>('care.alerts', { cookie, input: { householdId: household.id } });

    beforeAll(async () => {
      system = await startSystem({ dispatch: PLANNING_DISPATCH });
      await seedDemoCity(system, city);
      // A demo household with consent to deliveries, in a district that has a caseworker.
      const found = city.households.find(
        (h) => h.consent?.scopes.includes('delivery') && caseworkerOf(h.districtCode),
      );
      if (!found) throw new Error('no consenting demo household with a caseworker');
      household = found;
      const caseworker = caseworkerOf(household.districtCode);
      const other = city.users.find(
        (u) => u.roles.includes('caseworker') && !u.districtCodes.includes(household.districtCode),
      );
      const dispatcher = city.users.find((u) => u.roles.includes('dispatcher'));
      if (!caseworker || !other || !dispatcher) throw new Error('demo users missing');
      caseworkerId = caseworker.id;
      cookies.caseworker = await system.http.signIn(caseworker.login, caseworker.password);
      cookies.otherCaseworker = await system.http.signIn(other.login, other.password);
      cookies.dispatcher = await system.http.signIn(dispatcher.login, dispatcher.password);
      // The phone-inactivity app's own key, issued for its feed.
      const issued = await system.gateway.createApiKey({
        organisationId: caseworker.organisationId,
        name: 'phone inactivity app',
        signalSource: 'phone_inactivity',
      });
      feedKey = issued.key;
    }, 180_000);

    afterAll(async () => {
      await system[Symbol.asyncDispose]();
    });

    it('should take a no_activity signal through REST and wait for the retries', async () => {
      const body = {
        household: household.id,
        source: 'phone_inactivity',
        kind: 'no_activity',
        observedAt: system.clock.now().toISOString(),
        externalId: 'inactivity-12h-1',
      };
      const res = await postSignal(body, 'feed-inactivity-1');
      expect(res.status).toBe(201);
      signal = res.body;
      expect(signal).toMatchObject({
        householdId: household.id,
        kind: 'no_activity',
        state: 'retrying',
        retries: 0,
      });
      // The same delivery again (same Idempotency-Key) is the same signal.
      const again = await postSignal(body, 'feed-inactivity-1');
      expect(again.body.id).toBe(signal.id);
      // The app's key speaks for its own feed only: an `ok` as the AI-call feed is refused.
      const foreign = await postSignal({ ...body, source: 'ai_call', kind: 'ok' }, 'feed-ok-1');
      expect(foreign.status).toBe(403);
      expect(JSON.stringify(foreign.body)).toContain('"path":"source"');
      expect((await alertsOf(cookies.caseworker)).items).toEqual([]);
    });

    it('should raise an alert in the caseworker’s queue once the retries went unanswered', async () => {
      // phone_inactivity: one retry up to 60 min later, 10 min grace for its answer; no `ok` came.
      system.clock.set(new Date(Date.parse(signal.observedAt) + 71 * MINUTE));
      const page = await eventually(
        'an alert for the caseworker',
        () => alertsOf(cookies.caseworker),
        {
          done: (p) => p.items.length > 0,
        },
      );
      expect(page.items).toHaveLength(1);
      alert = page.items[0] ?? alert;
      expect(alert).toMatchObject({
        householdId: household.id,
        districtCode: household.districtCode,
        reason: 'no_activity',
        severity: 'medium',
      });
      // A caseworker of another neighbourhood does not see it.
      expect((await alertsOf(cookies.otherCaseworker)).items).toEqual([]);
      // The neighbourhood's caseworker is notified by name.
      const notified = await eventually(
        'the caseworker notified',
        () =>
          trpc<{ items: Notification[] }>('care.notifications', {
            cookie: cookies.caseworker,
            input: { alertId: alert.id },
          }),
        { done: (p) => p.items.some((n) => n.status === 'sent') },
      );
      expect(notified.items).toEqual([
        expect.objectContaining({ recipientUserId: caseworkerId, template: 'alert.raised' }),
      ]);
    });

    it('should file a visit need when nobody clears the alert by phone', async () => {
      // A medium alert must be cleared by phone within two hours, else a carrier visits.
      system.clock.set(new Date(Date.parse(alert.raisedAt) + 2 * 60 * MINUTE + MINUTE));
      const needs = await eventually(
        'a welfare visit need',
        () =>
          trpc<{ items: Need[] }>('households.needs', {
            cookie: cookies.caseworker,
            input: { householdId: household.id },
          }),
        { done: (p) => p.items.some((n) => n.category === 'welfare_visit') },
      );
      const visits = needs.items.filter((n) => n.category === 'welfare_visit');
      expect(visits).toHaveLength(1);
      expect(visits[0]).toMatchObject({
        householdId: household.id,
        source: 'follow_up',
        unit: 'visit',
        quantity: 1,
      });
    });

    it('should route a visit stop for the household in the next plan with the demo fleet', async () => {
      // Today's plan (the gateway's carrier scope is today's): dispatch plans every open order.
      const date = seoulDate();
      await system.bus.request(
        importDispatchBulk,
        { shifts: demoShifts(city, date) },
        { actor: SYSTEM_ACTOR, timeoutMs: 30_000 },
      );
      // The visit order reaches dispatch's pool from matching, asynchronously.
      await eventually(
        'the visit order in dispatch',
        () =>
          trpc<{ items: { householdId?: string; kind: string; status: string }[] }>(
            'dispatch.orders',
            {
              cookie: cookies.dispatcher,
              input: { statuses: ['open'], districtCodes: [household.districtCode] },
            },
          ),
        { done: (p) => p.items.some((o) => o.householdId === household.id && o.kind === 'visit') },
      );
      ({ plan } = await planDay(system.http, {
        cookie: cookies.dispatcher,
        date,
        districtCodes: [household.districtCode],
      }));
      const stops = plan.routes.flatMap((route) =>
        route.stops.map((stop) => ({ carrierId: route.carrierId, ...stop })),
      );
      const visit = stops.filter((s) => s.householdId === household.id);
      expect(visit).toHaveLength(1);
      expect(visit[0]).toMatchObject({ kind: 'visit', householdId: household.id });
      // A demo carrier trained for welfare checks makes the visit.
      const carrier = city.carriers.find((c) => c.id === visit[0]?.carrierId);
      expect(carrier?.skills).toContain('welfare_check');
      expect(plan.unassigned).toEqual([]);
    });

    it('should bring the carrier’s door-step checklist of the visit back to care', async () => {
      plan = await trpc<Plan>('dispatch.publish', {
        cookie: cookies.dispatcher,
        mutation: true,
        input: { planId: plan.id, expectedVersion: plan.version },
      });
      const route = plan.routes.find((r) => r.stops.some((s) => s.householdId === household.id));
      const carrier = city.carriers.find((c) => c.id === route?.carrierId);
      if (!route || !carrier) throw new Error('no route with the visit');
      // The carrier of that route signs in (a demo carrier without a demo login gets one here).
      const user = await system.gateway.createUser({
        login: `visit-carrier-${carrier.id.slice(0, 8)}`,
        displayName: carrier.name,
        password: 'correct horse battery staple',
      });
      await system.bus.request(
        importBulk,
        {
          memberships: [
            {
              id: demoId(city.seed, 'membership', `${user.id}:carrier`),
              userId: user.id,
              role: 'carrier',
              organisationId: carrier.organisationId,
              districtCodes: [carrier.districtCode],
              carrierId: carrier.id,
            },
          ],
        },
        { actor: SYSTEM_ACTOR },
      );
      const cookie = await system.http.signIn(user.login, 'correct horse battery staple');
      const mine = await trpc<{ route: Plan['routes'][number] | null }>('dispatch.myRoute', {
        cookie,
      });
      const stop = mine.route?.stops.find((s) => s.householdId === household.id);
      if (!stop) throw new Error('the visit is not on the carrier’s route');
      await trpc('dispatch.updateStop', {
        cookie,
        mutation: true,
        input: {
          stopId: stop.id,
          status: 'delivered',
          at: new Date().toISOString(),
          checklist: {
            seenInPerson: true,
            mealsSkipped: true,
            illnessOrInjury: false,
            untouchedEarlierDeliveries: false,
            homeConditions: 'untidy',
            mood: 'low',
            askedForHelp: true,
          },
        },
      });
      // The stop update alone (no separate visit report) carries what the carrier saw.
      const page = await eventually('the checklist alert', () => alertsOf(cookies.caseworker), {
        done: (p) => p.items.some((a) => a.id !== alert.id),
      });
      expect(page.items.find((a) => a.id !== alert.id)).toMatchObject({
        householdId: household.id,
        districtCode: household.districtCode,
      });
      const timeline = await trpc<{ items: unknown[] }>('care.timeline', {
        cookie: cookies.caseworker,
        input: { householdId: household.id },
      });
      expect(JSON.stringify(timeline.items)).toContain('asked_for_help');
    });
  },
);
