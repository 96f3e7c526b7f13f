import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Alert, Plan } from '@anbu/contracts';
import { hasNatsServer } from '@anbu/bus/testing';
import { seoulDate, SYSTEM_ACTOR } from '@anbu/contracts';
import { createOrder, importDispatchBulk, listNeeds } from '@anbu/contracts/rpc';
import { hasPostgres } from '@anbu/db/testing';

import type { TrpcCall } from './harness/gateway-calls.js';
import type { SeededUser, SeededWorld } from './harness/seed-world.js';
import type { RunningSystem } from './harness/start-system.js';
import { eventually } from './harness/eventually.js';
import { planDay, trpcData } from './harness/gateway-calls.js';
import { seedWorld, SYSTEM_TEST_PASSWORD } from './harness/seed-world.js';
import { PLANNING_DISPATCH, startSystem } from './harness/start-system.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

describe.skipIf(!servers)(
  'welfare loop: planned, published, delivered with a crisis, alerted, escalated, followed up (issue 6)',
  () => {
    let system: RunningSystem;
    let world: SeededWorld;
    let caseworker: SeededUser;
    const carrierId = randomUUID();
    const today = seoulDate();
    const cookies = { dispatcher: '', carrier: '', caseworker: '' };
    let householdId = '';
    let orderId = '';
    let plan: Plan;
    let alert: Alert;

    const trpc = <T>(path: string, call: TrpcCall) => trpcData<T>(system.http, path, call);

    beforeAll(async () => {
      system = await startSystem({ dispatch: PLANNING_DISPATCH });
      world = await seedWorld(system);
      const dispatcher = await world.addUser({ role: 'dispatcher' });
      caseworker = await world.addUser({ role: 'caseworker', districtCodes: [world.districtCode] });
      const carrier = await world.addUser({ role: 'carrier', carrierId });
      cookies.dispatcher = await system.http.signIn(dispatcher.login, SYSTEM_TEST_PASSWORD);
      cookies.caseworker = await system.http.signIn(caseworker.login, SYSTEM_TEST_PASSWORD);
      cookies.carrier = await system.http.signIn(carrier.login, SYSTEM_TEST_PASSWORD);

      // The demo fleet's shape in small: a car carrier trained for welfare checks, on shift today.
      await system.bus.request(
        importDispatchBulk,
        {
          carriers: [
            {
              id: carrierId,
              organisationId: world.welfareOfficeId,
              name: 'Test carrier',
              kind: 'car',
              capacity: { boxes: 20, kg: 100, chilledBoxes: 10 },
              homeDepotId: world.depot.id,
              skills: ['welfare_check', 'chilled'],
              userId: carrier.id,
              active: true,
            },
          ],
          shifts: [
            {
              id: randomUUID(),
              carrierId,
              date: today,
              window: { start: `${today}T00:00:00+09:00`, end: `${today}T23:59:00+09:00` },
              startDepotId: world.depot.id,
              cancelled: false,
            },
          ],
        },
        { actor: SYSTEM_ACTOR },
      );
      householdId = (await world.addHousehold()).id;
      const order = await system.bus.request(
        createOrder,
        {
          kind: 'delivery',
          householdId,
          districtCode: world.districtCode,
          depotId: world.depot.id,
          items: [{ category: 'side_dishes', quantity: 1, unit: 'box', weightKg: 3 }],
          storageClass: 'chilled',
          deliverBy: today,
          priority: 60,
        },
        { actor: dispatcher.actor },
      );
      orderId = order.id;
    }, 120_000);

    afterAll(async () => {
      await system[Symbol.asyncDispose]();
    });

    it('should plan the order with the fleet and publish the plan', async () => {
      ({ plan } = await planDay(system.http, {
        cookie: cookies.dispatcher,
        date: today,
        districtCodes: [world.districtCode],
      }));
      expect(plan.routes.map((r) => [r.carrierId, r.stops.map((s) => s.orderId)])).toEqual([
        [carrierId, [orderId]],
      ]);
      plan = await trpc<Plan>('dispatch.publish', {
        cookie: cookies.dispatcher,
        mutation: true,
        input: { planId: plan.id, expectedVersion: plan.version },
      });
      expect(plan.status).toBe('published');
    });

    it('should let the carrier deliver and report a crisis, raising an alert for the caseworker', async () => {
      const { route } = await trpc<{ route: Plan['routes'][number] | null }>('dispatch.myRoute', {
        cookie: cookies.carrier,
      });
      const stop = route?.stops[0];
      if (!stop) throw new Error('the carrier has no stop');
      const at = new Date().toISOString();
      await trpc('dispatch.updateStop', {
        cookie: cookies.carrier,
        mutation: true,
        input: { stopId: stop.id, status: 'delivered', at },
      });
      await trpc('care.reportVisit', {
        cookie: cookies.carrier,
        mutation: true,
        input: {
          stopId: stop.id,
          visitedAt: at,
          checklist: {
            seenInPerson: true,
            mealsSkipped: true,
            illnessOrInjury: true,
            untouchedEarlierDeliveries: false,
            homeConditions: 'unsafe',
            mood: 'distressed',
            askedForHelp: true,
          },
        },
      });
      const page = await eventually(
        'an alert for the caseworker',
        () =>
          trpc<{ items: Alert[] }>('care.alerts', {
            cookie: cookies.caseworker,
            input: { districtCodes: [world.districtCode], householdId },
          }),
        { done: (p) => p.items.length > 0, intervalMs: 200 },
      );
      alert = page.items[0] ?? alert;
      expect(alert).toMatchObject({
        householdId,
        districtCode: world.districtCode,
        status: 'raised',
      });
    });

    it('should escalate the alert nobody acknowledged past its deadline', async () => {
      system.clock.advanceDays(1);
      alert = await eventually(
        'the alert escalated',
        () =>
          trpc<Alert>('care.alert', { cookie: cookies.caseworker, input: { alertId: alert.id } }),
        { done: (a) => a.escalationLevel > 0, intervalMs: 200 },
      );
      expect(alert.status).toBe('escalated');
    });

    it('should file a follow-up need when the caseworker resolves the alert', async () => {
      const resolved = await trpc<Alert>('care.resolveAlert', {
        cookie: cookies.caseworker,
        mutation: true,
        input: {
          alertId: alert.id,
          resolution: 'visited',
          followUp: {
            category: 'side_dishes',
            quantity: 1,
            unit: 'box',
            deadline: seoulDate(system.clock.now()),
            priority: 80,
          },
        },
      });
      expect(resolved.followUpRequestId).toBeDefined();
      const needs = await eventually(
        'the follow-up need',
        () => system.bus.request(listNeeds, { householdId }, { actor: caseworker.actor }),
        { done: (p) => p.items.length > 0, intervalMs: 200 },
      );
      expect(needs.items[0]).toMatchObject({ householdId, category: 'side_dishes' });
    });
  },
);
