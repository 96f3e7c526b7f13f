import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Donation, Lot, Need, PickupSlot, Plan, RpcInput } from '@anbu/contracts';
import type { postDonation } from '@anbu/contracts/rpc';
import { hasNatsServer } from '@anbu/bus/testing';
import { seoulDate, SYSTEM_ACTOR } from '@anbu/contracts';
import { allocationReleased, deliveryOrdered } from '@anbu/contracts/events';
import {
  acceptDonation,
  cancelNeed,
  fileNeed,
  getDonation,
  importDispatchBulk,
  receiveDonation,
  recordPickup,
  runAllocation,
  sweepExpiry,
  writeOffLot,
} from '@anbu/contracts/rpc';
import { hasPostgres } from '@anbu/db/testing';

import type { TrpcCall } from './harness/gateway-calls.js';
import type { SeededUser, SeededWorld } from './harness/seed-world.js';
import type { RunningSystem } from './harness/start-system.js';
import { planDay, trpcData } from './harness/gateway-calls.js';
import { seedWorld, SYSTEM_TEST_PASSWORD } from './harness/seed-world.js';
import { PLANNING_DISPATCH, startSystem } from './harness/start-system.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();
const DAY_MS = 86_400_000;
const WAIT = { timeout: 30_000, interval: 200 };

/** The columns of each service's tables this test reads (each service's own schema). */
interface DonationsView {
  lots: {
    id: string;
    donation_id: string | null;
    depot_id: string;
    category: string;
    status: string;
    quantity_received: number;
    quantity_available: number;
    quantity_allocated: number;
    quantity_delivered: number;
    quantity_written_off: number;
  };
}
interface MatchingView {
  open_needs: { need_id: string; status: string; allocated: number };
  stock_lots: { lot_id: string; quantity: number; allocated: number; status: string };
  allocations: {
    id: string;
    need_id: string;
    lot_id: string | null;
    quantity: number;
    status: string;
  };
}
interface DispatchView {
  delivery_orders: { id: string; status: string; details: unknown };
}
interface OrderDetails {
  needIds?: string[];
  allocationIds?: string[];
  items?: { quantity: number }[];
}

const detailsOf = (details: unknown): OrderDetails =>
  (typeof details === 'string' ? JSON.parse(details) : details) as OrderDetails;

describe.skipIf(!servers)(
  'supply lifecycle on PostgreSQL + NATS: tracking, write-off, pickup slots, races, conservation (issue 5)',
  () => {
    const today = seoulDate();
    const day = (offset: number) => seoulDate(new Date(Date.now() + offset * DAY_MS));
    const tomorrow = day(1);
    const carrierId = randomUUID();
    const vanId = randomUUID();
    let system: RunningSystem;
    let world: SeededWorld;
    let dispatcher: SeededUser;
    let caseworker: SeededUser;
    let apiKey: string;
    const cookies = { dispatcher: '', carrier: '' };
    /** Every lot this test received, for the conservation check at the end. */
    const lotIds: string[] = [];
    let riceLot: Lot;
    let dairyLot: Lot;
    let noodleDonation: Donation;

    const as = () => ({ actor: dispatcher.actor, timeoutMs: 30_000 });
    const donationsDb = () => system.db<DonationsView>('donations');
    const matchingDb = () => system.db<MatchingView>('matching');
    const dispatchDb = () => system.db<DispatchView>('dispatch');

    const trpc = <T>(path: string, call: TrpcCall) => trpcData<T>(system.http, path, call);

    const lotRow = async (id: string) =>
      donationsDb().selectFrom('lots').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const stockRow = async (id: string) =>
      matchingDb().selectFrom('stock_lots').selectAll().where('lot_id', '=', id).executeTakeFirst();
    const allocationsOf = async (needIds: readonly string[]) =>
      needIds.length === 0
        ? []
        : matchingDb()
            .selectFrom('allocations')
            .selectAll()
            .where('need_id', 'in', needIds)
            .execute();
    const ordersOf = async (needId: string) =>
      (await dispatchDb().selectFrom('delivery_orders').selectAll().execute()).filter((o) =>
        detailsOf(o.details).needIds?.includes(needId),
      );

    /** Posts a donation over REST, accepts, picks up and receives it; returns its lots. */
    const donateAndReceive = async (items: RpcInput<typeof postDonation>['items']) => {
      const posted = await system.http.rest<Donation>('POST', '/donations', {
        apiKey,
        idempotencyKey: `donation-${randomUUID()}`,
        body: { items, pickup: pickupOf() },
      });
      expect(posted.status).toBe(201);
      const donationId = posted.body.id;
      await system.bus.request(acceptDonation, { donationId }, as());
      await system.bus.request(recordPickup, { donationId }, as());
      const received = await system.bus.request(
        receiveDonation,
        { donationId, depotId: world.depot.id },
        as(),
      );
      lotIds.push(...received.lots.map((l) => l.id));
      // The matcher learns of the lots from `lot.received`.
      await expect
        .poll(
          async () =>
            (
              await matchingDb()
                .selectFrom('stock_lots')
                .select('lot_id')
                .where(
                  'lot_id',
                  'in',
                  received.lots.map((l) => l.id),
                )
                .execute()
            ).length,
          WAIT,
        )
        .toBe(received.lots.length);
      return received;
    };

    /** Files a need for a new consenting household and waits until the matcher has it. */
    const needFor = async (
      line: Pick<RpcInput<typeof fileNeed>, 'category' | 'unit' | 'quantity'>,
    ) => {
      const household = await world.addHousehold();
      const need: Need = await system.bus.request(
        fileNeed,
        { householdId: household.id, ...line, deadline: day(10), priority: 50 },
        { actor: caseworker.actor, timeoutMs: 30_000 },
      );
      await expect
        .poll(
          async () =>
            (
              await matchingDb()
                .selectFrom('open_needs')
                .select('need_id')
                .where('need_id', '=', need.id)
                .execute()
            ).length,
          WAIT,
        )
        .toBe(1);
      return need;
    };

    const run = () =>
      system.bus.request(
        runAllocation,
        { districtCodes: [world.districtCode], dryRun: false },
        { actor: SYSTEM_ACTOR, timeoutMs: 60_000 },
      );

    const pickupOf = () => ({
      placeName: 'Rotary hall',
      address: '3 Test-ro',
      location: { lat: 35.95, lng: 126.95 },
      // Tomorrow 09:00-12:00 in Seoul: the van's shift offers slots then.
      window: { start: `${tomorrow}T09:00:00+09:00`, end: `${tomorrow}T12:00:00+09:00` },
    });

    beforeAll(async () => {
      system = await startSystem({ dispatch: PLANNING_DISPATCH });
      world = await seedWorld(system);
      dispatcher = await world.addUser({ role: 'dispatcher', districtCodes: [world.districtCode] });
      caseworker = await world.addUser({ role: 'caseworker', districtCodes: [world.districtCode] });
      const carrier = await world.addUser({ role: 'carrier', carrierId });
      cookies.dispatcher = await system.http.signIn(dispatcher.login, SYSTEM_TEST_PASSWORD);
      cookies.carrier = await system.http.signIn(carrier.login, SYSTEM_TEST_PASSWORD);
      apiKey = await world.apiKey();
      const capacity = { boxes: 40, kg: 400, chilledBoxes: 20 };
      await system.bus.request(
        importDispatchBulk,
        {
          carriers: [
            // Delivers today; a van works tomorrow morning (pickup slots come from van shifts).
            {
              id: carrierId,
              organisationId: world.welfareOfficeId,
              name: 'Test carrier',
              kind: 'car',
              capacity,
              homeDepotId: world.depot.id,
              skills: ['welfare_check', 'chilled'],
              userId: carrier.id,
              active: true,
            },
            {
              id: vanId,
              organisationId: world.foodBankId,
              name: 'Test van',
              kind: 'van',
              capacity,
              homeDepotId: world.depot.id,
              skills: ['chilled'],
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
            {
              id: randomUUID(),
              carrierId: vanId,
              date: tomorrow,
              window: { start: `${tomorrow}T09:00:00+09:00`, end: `${tomorrow}T13:00:00+09:00` },
              startDepotId: world.depot.id,
              cancelled: false,
            },
          ],
        },
        { actor: SYSTEM_ACTOR },
      );
    }, 120_000);

    afterAll(async () => {
      await system[Symbol.asyncDispose]();
    });

    it('should let the partner book one of the pickup slots dispatch offers, and dispatch count it down', async () => {
      const posted = await system.http.rest<Donation>('POST', '/donations', {
        apiKey,
        idempotencyKey: `donation-${randomUUID()}`,
        body: {
          items: [
            {
              category: 'rice_grain',
              quantity: 10,
              unit: 'bag',
              storageClass: 'ambient',
              expiresOn: day(60),
            },
            {
              category: 'dairy',
              quantity: 6,
              unit: 'pack',
              storageClass: 'chilled',
              expiresOn: day(3),
            },
          ],
          pickup: pickupOf(),
        },
      });
      expect(posted.status).toBe(201);
      const donationId = posted.body.id;
      await system.bus.request(acceptDonation, { donationId }, as());

      const slotsOf = async () =>
        (
          await system.http.rest<{ items: PickupSlot[] }>(
            'GET',
            `/pickup-slots?from=${tomorrow}&to=${tomorrow}`,
            { apiKey },
          )
        ).body.items.filter((s) => s.depotId === world.depot.id);
      const offered = await slotsOf();
      // The van's 09:00-13:00 shift: two two-hour slots, two pickups each.
      expect(offered.map((s) => s.remaining)).toEqual([2, 2]);
      const slot = offered[0];
      if (!slot) throw new Error('no slot offered');

      const booking = {
        apiKey,
        idempotencyKey: `pickup-${randomUUID()}`,
        body: { pickupSlotId: slot.id },
      };
      const booked = await system.http.rest<Donation>(
        'POST',
        `/donations/${donationId}/pickup`,
        booking,
      );
      expect(booked.status).toBe(200);
      expect(booked.body).toMatchObject({
        id: donationId,
        status: 'accepted',
        pickupSlotId: slot.id,
      });
      // The same request again: the same answer, one booking.
      const again = await system.http.rest<Donation>(
        'POST',
        `/donations/${donationId}/pickup`,
        booking,
      );
      expect(again.body).toEqual(booked.body);

      // `donation.pickup_booked` reached dispatch: the slot has one place left, the other is untouched.
      await expect
        .poll(async () => (await slotsOf()).map((s) => [s.id, s.remaining]), WAIT)
        .toEqual([
          [slot.id, 1],
          [offered[1]?.id, 2],
        ]);

      await system.bus.request(recordPickup, { donationId }, as());
      const received = await system.bus.request(
        receiveDonation,
        { donationId, depotId: world.depot.id },
        as(),
      );
      lotIds.push(...received.lots.map((l) => l.id));
      const rice = received.lots.find((l) => l.category === 'rice_grain');
      const dairy = received.lots.find((l) => l.category === 'dairy');
      if (!rice || !dairy) throw new Error('lots missing');
      riceLot = rice;
      dairyLot = dairy;
      await expect.poll(async () => (await stockRow(dairy.id))?.quantity, WAIT).toBe(6);
    });

    it('should track allocations in donations: allocated when nothing is left, received again after a release', async () => {
      const received = await donateAndReceive([
        {
          category: 'instant_food',
          quantity: 2,
          unit: 'box',
          storageClass: 'ambient',
          expiresOn: day(30),
        },
      ]);
      noodleDonation = received.donation;
      const noodles = received.lots[0];
      if (!noodles) throw new Error('no lot');
      const riceNeed = await needFor({ category: 'rice_grain', unit: 'bag', quantity: 3 });
      const noodleNeed = await needFor({ category: 'instant_food', unit: 'box', quantity: 2 });

      const result = await run();
      expect(result.summary.unitsAllocated).toBe(5);
      const made = await allocationsOf([riceNeed.id, noodleNeed.id]);
      expect(made.map((a) => [a.need_id, a.lot_id, a.quantity]).sort()).toEqual(
        [
          [riceNeed.id, riceLot.id, 3],
          [noodleNeed.id, noodles.id, 2],
        ].sort(),
      );

      // `allocation.made` moved the units in donations; the noodle donation has nothing left.
      await expect.poll(async () => (await lotRow(riceLot.id)).quantity_allocated, WAIT).toBe(3);
      await expect.poll(async () => (await lotRow(noodles.id)).quantity_allocated, WAIT).toBe(2);
      await expect
        .poll(
          async () =>
            (await system.bus.request(getDonation, { donationId: noodleDonation.id }, as())).status,
          WAIT,
        )
        .toBe('allocated');
      const allocated = await system.bus.request(
        getDonation,
        { donationId: noodleDonation.id },
        as(),
      );
      expect(allocated.history.at(-1)).toMatchObject({
        status: 'allocated',
        by: { kind: 'system', id: 'matching' },
      });
      // The rice donation still has rice and dairy available: it stays received.
      expect(
        (await system.bus.request(getDonation, { donationId: riceLot.donationId ?? '' }, as()))
          .status,
      ).toBe('received');
      await expect.poll(async () => (await ordersOf(noodleNeed.id)).length, WAIT).toBe(1);

      // The caseworker cancels the noodle need: matching releases, dispatch cancels the open
      // order, donations puts the units back and the donation is received again.
      await system.bus.request(cancelNeed, { needId: noodleNeed.id }, { actor: caseworker.actor });
      await expect
        .poll(async () => (await allocationsOf([noodleNeed.id])).map((a) => a.status), WAIT)
        .toEqual(['released']);
      await expect
        .poll(async () => (await ordersOf(noodleNeed.id)).map((o) => o.status), WAIT)
        .toEqual(['cancelled']);
      await expect
        .poll(async () => {
          const lot = await lotRow(noodles.id);
          return [lot.quantity_available, lot.quantity_allocated];
        }, WAIT)
        .toEqual([2, 0]);
      await expect
        .poll(
          async () =>
            (await system.bus.request(getDonation, { donationId: noodleDonation.id }, as())).status,
          WAIT,
        )
        .toBe('received');

      // The rice order is planned, published and delivered by the carrier.
      await expect.poll(async () => (await ordersOf(riceNeed.id)).length, WAIT).toBe(1);
      let { plan } = await planDay(system.http, {
        cookie: cookies.dispatcher,
        date: today,
        districtCodes: [world.districtCode],
      });
      const riceOrder = (await ordersOf(riceNeed.id))[0];
      expect(plan.routes.flatMap((r) => r.stops.map((s) => s.orderId))).toEqual([riceOrder?.id]);
      plan = await trpc<Plan>('dispatch.publish', {
        cookie: cookies.dispatcher,
        mutation: true,
        input: { planId: plan.id, expectedVersion: plan.version },
      });
      const { route } = await trpc<{ route: Plan['routes'][number] | null }>('dispatch.myRoute', {
        cookie: cookies.carrier,
      });
      const stop = route?.stops[0];
      if (!stop) throw new Error('the carrier has no stop');
      await trpc('dispatch.updateStop', {
        cookie: cookies.carrier,
        mutation: true,
        input: { stopId: stop.id, status: 'delivered', at: new Date().toISOString() },
      });
      await expect
        .poll(async () => (await ordersOf(riceNeed.id)).map((o) => o.status), WAIT)
        .toEqual(['done']);
      // `stop.updated` (delivered) reached donations: the three bags moved to delivered.
      await expect
        .poll(async () => {
          const lot = await lotRow(riceLot.id);
          return [lot.quantity_allocated, lot.quantity_delivered];
        }, WAIT)
        .toEqual([0, 3]);
    }, 180_000);

    it('should stop counting written-off units: lot.writeOff → lot.written_off → the matcher offers fewer', async () => {
      const written = await system.bus.request(
        writeOffLot,
        { lotId: riceLot.id, quantity: 2, reason: 'bags torn in the depot' },
        as(),
      );
      expect(written).toMatchObject({
        quantityAvailable: 5,
        quantityAllocated: 0,
        quantityDelivered: 3,
        quantityWrittenOff: 2,
      });
      // Only units available can be written off: the allocated three are not.
      await expect(
        system.bus.request(
          writeOffLot,
          { lotId: riceLot.id, quantity: 6, reason: 'too many' },
          as(),
        ),
      ).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
      await expect
        .poll(async () => {
          const stock = await stockRow(riceLot.id);
          return [stock?.quantity, stock?.allocated];
        }, WAIT)
        .toEqual([8, 3]);

      // A need for nine bags gets the five left, not the two written off.
      const bigNeed = await needFor({ category: 'rice_grain', unit: 'bag', quantity: 9 });
      const result = await run();
      const made = await allocationsOf([bigNeed.id]);
      expect(made.reduce((sum, a) => sum + a.quantity, 0)).toBe(5);
      expect(result.unmet.find((u) => u.needId === bigNeed.id)).toBeDefined();
      await expect
        .poll(async () => {
          const lot = await lotRow(riceLot.id);
          return [lot.quantity_available, lot.quantity_allocated, lot.quantity_written_off];
        }, WAIT)
        .toEqual([0, 5, 2]);
    }, 120_000);

    it('should write off an expired lot with what was allocated of it, and cancel its open order', async () => {
      const dairyNeed = await needFor({ category: 'dairy', unit: 'pack', quantity: 2 });
      await run();
      expect((await allocationsOf([dairyNeed.id])).map((a) => [a.lot_id, a.quantity])).toEqual([
        [dairyLot.id, 2],
      ]);
      await expect.poll(async () => (await lotRow(dairyLot.id)).quantity_allocated, WAIT).toBe(2);
      await expect
        .poll(async () => (await ordersOf(dairyNeed.id)).map((o) => o.status), WAIT)
        .toEqual(['open']);

      // Four days on the dairy is past its date (expires in three).
      const swept = await system.bus.request(sweepExpiry, { asOf: day(4) }, as());
      expect(swept.expiredLotIds).toContain(dairyLot.id);
      await expect
        .poll(async () => (await allocationsOf([dairyNeed.id])).map((a) => a.status), WAIT)
        .toEqual(['released']);
      await expect
        .poll(async () => (await ordersOf(dairyNeed.id)).map((o) => o.status), WAIT)
        .toEqual(['cancelled']);
      await expect
        .poll(async () => {
          const lot = await lotRow(dairyLot.id);
          return [
            lot.status,
            lot.quantity_available,
            lot.quantity_allocated,
            lot.quantity_written_off,
          ];
        }, WAIT)
        .toEqual(['expired', 0, 0, 6]);
      // The expired lot is never allocated again.
      await run();
      expect((await allocationsOf([dairyNeed.id])).filter((a) => a.status !== 'released')).toEqual(
        [],
      );
    }, 120_000);

    it('should leave no open order for units released while their order was on its way', async () => {
      // Many needs allocated and cancelled at once: `delivery.ordered` and `allocation.released`
      // reach dispatch's consumer together (it handles several messages at a time).
      const received = await donateAndReceive([
        {
          category: 'instant_food',
          quantity: 12,
          unit: 'box',
          storageClass: 'ambient',
          expiresOn: day(30),
        },
      ]);
      const lot = received.lots[0];
      if (!lot) throw new Error('no lot');
      const needs: Need[] = [];
      for (let i = 0; i < 6; i++)
        needs.push(await needFor({ category: 'instant_food', unit: 'box', quantity: 2 }));
      await run();
      await Promise.all(
        needs.map((n) =>
          system.bus.request(cancelNeed, { needId: n.id }, { actor: caseworker.actor }),
        ),
      );
      const ids = needs.map((n) => n.id);
      await expect
        .poll(async () => (await allocationsOf(ids)).every((a) => a.status === 'released'), WAIT)
        .toBe(true);
      await expect
        .poll(async () => {
          const row = await lotRow(lot.id);
          return [row.quantity_available, row.quantity_allocated];
        }, WAIT)
        .toEqual([12, 0]);
      // Every order of those needs arrived, and none of them is still open.
      await expect
        .poll(async () => {
          const orders = (await Promise.all(ids.map(ordersOf))).flat();
          return [orders.length, orders.filter((o) => o.status !== 'cancelled').length];
        }, WAIT)
        .toEqual([(await allocationsOf(ids)).length, 0]);

      // The worst order of arrival, forced: the release is handled before its order arrives.
      const allocationId = randomUUID();
      const orderId = randomUUID();
      const needId = randomUUID();
      const at = new Date().toISOString();
      // Built through the contracts' envelope schemas: a malformed event fails here, not silently.
      const release = allocationReleased.envelope.parse({
        id: randomUUID(),
        type: allocationReleased.type,
        version: allocationReleased.version,
        occurredAt: at,
        data: {
          allocationId,
          needId,
          source: { kind: 'lot', lotId: randomUUID(), depotId: world.depot.id },
          quantity: 1,
          reason: 'need_cancelled',
        },
      });
      const order = deliveryOrdered.envelope.parse({
        id: randomUUID(),
        type: deliveryOrdered.type,
        version: deliveryOrdered.version,
        occurredAt: at,
        data: {
          orderId,
          kind: 'delivery',
          householdId: randomUUID(),
          districtCode: world.districtCode,
          depotId: world.depot.id,
          needIds: [needId],
          allocations: [{ allocationId, quantity: 1 }],
          items: [{ category: 'instant_food', quantity: 1, unit: 'box' }],
          storageClass: 'ambient',
          deliverBy: day(10),
          priority: 50,
        },
      });
      await system.bus.publish(allocationReleased.subject, release);
      // The release is handled (its inbox row is there) before the order is even published.
      await expect
        .poll(
          async () =>
            (
              await system
                .db<{ inbox: { event_id: string } }>('dispatch')
                .selectFrom('inbox')
                .select('event_id')
                .where('event_id', '=', release.id)
                .execute()
            ).length,
          WAIT,
        )
        .toBe(1);
      await system.bus.publish(deliveryOrdered.subject, order);
      await expect
        .poll(async () => (await ordersOf(needId)).map((o) => o.status), WAIT)
        .toEqual(['cancelled']);
    }, 180_000);

    it('should conserve every unit of every lot across donations, matching and dispatch', async () => {
      // Let the last events settle: the views agree once nothing is in flight.
      const check = async () => {
        const lots = await donationsDb()
          .selectFrom('lots')
          .selectAll()
          .where('id', 'in', lotIds)
          .execute();
        const allocations = await matchingDb()
          .selectFrom('allocations')
          .selectAll()
          .where('lot_id', 'in', lotIds)
          .execute();
        const stock = await matchingDb()
          .selectFrom('stock_lots')
          .selectAll()
          .where('lot_id', 'in', lotIds)
          .execute();
        const orders = await dispatchDb().selectFrom('delivery_orders').selectAll().execute();
        const lotOfAllocation = new Map(allocations.map((a) => [a.id, a]));
        const delivered = new Map<string, number>();
        const liveInDispatch = new Set<string>();
        const breaches: string[] = [];
        for (const order of orders) {
          for (const id of detailsOf(order.details).allocationIds ?? []) {
            const allocation = lotOfAllocation.get(id);
            if (!allocation?.lot_id) continue;
            if (order.status === 'done') {
              delivered.set(
                allocation.lot_id,
                (delivered.get(allocation.lot_id) ?? 0) + allocation.quantity,
              );
            }
            if (order.status !== 'cancelled') liveInDispatch.add(id);
            if (order.status !== 'cancelled' && allocation.status === 'released')
              breaches.push(`order ${order.id} (${order.status}) carries released ${id}`);
          }
        }
        const rows = lots.map((lot) => {
          const live = allocations
            .filter((a) => a.lot_id === lot.id && (a.status === 'made' || a.status === 'ordered'))
            .reduce((sum, a) => sum + a.quantity, 0);
          const view = stock.find((s) => s.lot_id === lot.id);
          const deliveredUnits = delivered.get(lot.id) ?? 0;
          const inStock = lot.quantity_available;
          const allocatedOnly = lot.quantity_allocated;
          const sum = inStock + allocatedOnly + lot.quantity_delivered + lot.quantity_written_off;
          // Donations counts what dispatch delivered (its `stop.updated`), no more, no less.
          if (lot.quantity_delivered !== deliveredUnits)
            breaches.push(
              `lot ${lot.id}: donations counts ${lot.quantity_delivered} delivered, dispatch ${deliveredUnits}`,
            );
          if (sum !== lot.quantity_received)
            breaches.push(`lot ${lot.id}: received ${lot.quantity_received} ≠ ${sum}`);
          if (live !== lot.quantity_allocated + lot.quantity_delivered)
            breaches.push(
              `lot ${lot.id}: matching holds ${live} allocated, donations ${lot.quantity_allocated}`,
            );
          if (view && lot.status === 'in_stock' && view.allocated !== live)
            breaches.push(`lot ${lot.id}: matching's view ${view.allocated} ≠ ledger ${live}`);
          return {
            lot: lot.category,
            received: lot.quantity_received,
            inStock,
            allocated: allocatedOnly,
            delivered: lot.quantity_delivered,
            writtenOff: lot.quantity_written_off,
          };
        });
        return { rows, breaches, orders: orders.length, allocations: allocations.length };
      };
      await expect.poll(async () => (await check()).breaches, WAIT).toEqual([]);
      const { rows, orders, allocations } = await check();
      console.info(
        `[supply] conservation: lots=${rows.length} allocations=${allocations} orders=${orders} breaches=0`,
      );
      console.table(rows);
      expect(rows.length).toBe(lotIds.length);
      const total = (key: 'received' | 'inStock' | 'allocated' | 'delivered' | 'writtenOff') =>
        rows.reduce((sum, r) => sum + r[key], 0);
      // The sequence above touched every bucket.
      expect(total('delivered')).toBe(3);
      expect(total('writtenOff')).toBe(8);
      expect(total('allocated')).toBe(5);
      expect(total('received')).toBe(
        total('inStock') + total('allocated') + total('delivered') + total('writtenOff'),
      );
    });
  },
);
