import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AllocationRunSummary, Donation, Lot, UnmetNeed } from '@anbu/contracts';
import { hasNatsServer } from '@anbu/bus/testing';
import { seoulDate } from '@anbu/contracts';
import {
  acceptDonation,
  fileNeed,
  listDonations,
  listOrders,
  receiveDonation,
  recordPickup,
  sweepExpiry,
} from '@anbu/contracts/rpc';
import { hasPostgres } from '@anbu/db/testing';

import type { SeededUser, SeededWorld } from './harness/seed-world.js';
import type { RunningSystem } from './harness/start-system.js';
import { seedWorld, SYSTEM_TEST_PASSWORD } from './harness/seed-world.js';
import { startSystem } from './harness/start-system.js';
import { createTestClock } from './harness/test-clock.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();
const DAY_MS = 86_400_000;

interface MatchingView {
  open_needs: { need_id: string };
  stock_lots: { lot_id: string; status: string };
  allocations: { need_id: string; lot_id: string | null; quantity: number };
}

describe.skipIf(!servers)(
  'supply: a partner donation reaches the right household (issue 5)',
  () => {
    const clock = createTestClock();
    const day = (offset: number) => seoulDate(new Date(clock.now().getTime() + offset * DAY_MS));
    let system: RunningSystem;
    let world: SeededWorld;
    let dispatcher: SeededUser;
    let caseworker: SeededUser;
    let managerCookie: string;
    let apiKey: string;

    beforeAll(async () => {
      // Dispatch's planner is not part of this flow: orders only need to reach its pool.
      system = await startSystem({ clock, dispatch: { runPlanning: false } });
      world = await seedWorld(system);
      dispatcher = await world.addUser({ role: 'dispatcher', districtCodes: [world.districtCode] });
      caseworker = await world.addUser({ role: 'caseworker', districtCodes: [world.districtCode] });
      const manager = await world.addUser({ role: 'program_manager' });
      managerCookie = await system.http.signIn(manager.login, SYSTEM_TEST_PASSWORD);
      apiKey = await world.apiKey();
    });

    afterAll(async () => {
      await system[Symbol.asyncDispose]();
    });

    const donationBody = () => ({
      items: [
        // Keeps: will be matched to the rice need.
        {
          category: 'rice_grain',
          quantity: 4,
          unit: 'bag',
          storageClass: 'ambient',
          expiresOn: day(60),
        },
        // Good until tomorrow: by the time the matcher runs (the clock moves two days) it has expired.
        {
          category: 'dairy',
          quantity: 6,
          unit: 'pack',
          storageClass: 'chilled',
          expiresOn: day(1),
        },
      ],
      pickup: {
        placeName: 'Rotary hall',
        address: '3 Test-ro',
        location: { lat: 35.95, lng: 126.95 },
        window: {
          start: new Date(clock.now().getTime() + 2 * 3_600_000).toISOString(),
          end: new Date(clock.now().getTime() + 4 * 3_600_000).toISOString(),
        },
      },
    });

    it('should post a donation over REST once, however often the same Idempotency-Key is sent', async () => {
      const idempotencyKey = `donation-${randomUUID()}`;
      const body = donationBody();
      const first = await system.http.rest<Donation>('POST', '/donations', {
        apiKey,
        idempotencyKey,
        body,
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        organisationId: world.partnerOrganisationId,
        status: 'offered',
      });

      const again = await system.http.rest<Donation>('POST', '/donations', {
        apiKey,
        idempotencyKey,
        body,
      });
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      const mine = await system.bus.request(
        listDonations,
        { organisationId: world.partnerOrganisationId },
        { actor: dispatcher.actor },
      );
      expect(mine.items.map((d) => d.id)).toEqual([first.body.id]);
    });

    it('should receive it into a depot, match the lot to the right need and order the delivery', async () => {
      const posted = await system.http.rest<Donation>('POST', '/donations', {
        apiKey,
        idempotencyKey: `donation-${randomUUID()}`,
        body: donationBody(),
      });
      expect(posted.status).toBe(201);
      const donationId = posted.body.id;
      const as = { actor: dispatcher.actor };
      await system.bus.request(acceptDonation, { donationId }, as);
      await system.bus.request(recordPickup, { donationId }, as);
      const received = await system.bus.request(
        receiveDonation,
        { donationId, depotId: world.depot.id },
        as,
      );
      expect(received.donation.status).toBe('received');
      const rice = received.lots.find((l: Lot) => l.category === 'rice_grain');
      const dairy = received.lots.find((l: Lot) => l.category === 'dairy');
      expect(rice).toMatchObject({ depotId: world.depot.id, quantityAvailable: 4 });
      expect(dairy).toMatchObject({ depotId: world.depot.id, expiresOn: day(1) });

      // Two enrolled, consenting households: one needs rice, the other milk; a third need (bedding)
      // has no stock at all.
      const riceHousehold = await world.addHousehold({ riskLevel: 'high' });
      const milkHousehold = await world.addHousehold({ riskLevel: 'critical' });
      const file = (
        householdId: string,
        line: {
          category: 'rice_grain' | 'dairy' | 'bedding';
          unit: 'bag' | 'pack' | 'set';
          quantity: number;
        },
      ) =>
        system.bus.request(
          fileNeed,
          { householdId, ...line, deadline: day(10), priority: 50 },
          { actor: caseworker.actor },
        );
      const riceNeed = await file(riceHousehold.id, {
        category: 'rice_grain',
        unit: 'bag',
        quantity: 2,
      });
      const milkNeed = await file(milkHousehold.id, {
        category: 'dairy',
        unit: 'pack',
        quantity: 2,
      });
      const beddingNeed = await file(riceHousehold.id, {
        category: 'bedding',
        unit: 'set',
        quantity: 1,
      });

      // The matcher learns of needs and lots from JetStream events.
      const matching = system.db<MatchingView>('matching');
      const needIds = [riceNeed.id, milkNeed.id, beddingNeed.id];
      await expect
        .poll(
          async () =>
            (
              await matching
                .selectFrom('open_needs')
                .select('need_id')
                .where('need_id', 'in', needIds)
                .execute()
            ).length,
          { timeout: 20_000 },
        )
        .toBe(3);
      await expect
        .poll(
          async () =>
            (
              await matching
                .selectFrom('stock_lots')
                .select('lot_id')
                .where('lot_id', 'in', [rice?.id ?? '', dairy?.id ?? ''])
                .execute()
            ).length,
          { timeout: 20_000 },
        )
        .toBe(2);

      // Two days on, the dairy lot is past its date although no expiry sweep has written it off.
      clock.advanceDays(2);
      const run = await system.http.trpc<{ summary: AllocationRunSummary; unmet: UnmetNeed[] }>(
        'matching.run',
        { cookie: managerCookie, mutation: true, input: { districtCodes: [world.districtCode] } },
      );
      expect(run.status).toBe(200);
      expect(run.data?.summary).toMatchObject({ allocations: 1, unitsAllocated: 2 });

      const allocations = await matching
        .selectFrom('allocations')
        .select(['need_id', 'lot_id', 'quantity'])
        .where('need_id', 'in', needIds)
        .execute();
      expect(allocations).toEqual([{ need_id: riceNeed.id, lot_id: rice?.id ?? '', quantity: 2 }]);
      const unmet = new Map(
        (run.data?.unmet ?? []).map((u) => [u.needId, u.reasons.map((r) => r.code)]),
      );
      expect(unmet.get(milkNeed.id)).toEqual(['no_stock']);
      expect(unmet.get(beddingNeed.id)).toEqual(['no_stock']);
      const everyAllocation = await matching.selectFrom('allocations').select('lot_id').execute();
      expect(everyAllocation.map((a) => a.lot_id)).not.toContain(dairy?.id);

      // `delivery.ordered` reached dispatch: an open order for the rice household from the depot.
      await expect
        .poll(
          async () =>
            (
              await system.bus.request(
                listOrders,
                { statuses: ['open'] },
                { actor: dispatcher.actor },
              )
            ).items.filter((o) => o.needIds.includes(riceNeed.id)),
          { timeout: 20_000 },
        )
        .toEqual([
          expect.objectContaining({
            householdId: riceHousehold.id,
            depotId: world.depot.id,
            districtCode: world.districtCode,
            status: 'open',
            items: [expect.objectContaining({ category: 'rice_grain', quantity: 2, unit: 'bag' })],
          }),
        ]);

      // The expiry sweep writes the dairy lot off; `lot.expired` takes it out of the matcher's view.
      const swept = await system.bus.request(sweepExpiry, {}, as);
      expect(swept.expiredLotIds).toContain(dairy?.id);
      await expect
        .poll(
          async () =>
            (
              await matching
                .selectFrom('stock_lots')
                .select('status')
                .where('lot_id', '=', dairy?.id ?? '')
                .execute()
            )[0]?.status,
          { timeout: 20_000 },
        )
        .toBe('expired');

      // The caseworker of the district reads why the milk need is unmet, in the gateway.
      const caseworkerCookie = await system.http.signIn(caseworker.login, SYSTEM_TEST_PASSWORD);
      const why = await system.http.trpc<{ reasons: { code: string; message: string }[] }>(
        'matching.explain',
        { cookie: caseworkerCookie, input: { needId: milkNeed.id } },
      );
      expect(why.status).toBe(200);
      expect(why.data?.reasons.map((r) => r.code)).toEqual(['no_stock']);
    });
  },
);
