import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf, Lot } from '@anbu/contracts';
import { on } from '@anbu/bus';
import {
  allocationMade,
  allocationRefused,
  allocationReleased,
  deliveryOrdered,
  donationAllocated,
  lotWrittenOff,
  stopUpdated,
} from '@anbu/contracts/events';
import {
  acceptDonation,
  getDonation,
  postDonation,
  receiveDonation,
  recordPickup,
  writeOffLot,
} from '@anbu/contracts/rpc';

import type { DonationsHarness } from './testing/harness.js';
import { ALLOCATION_ACTOR, DELIVERY_ACTOR } from './events.js';
import {
  dispatcher,
  donationInput,
  FIXTURE,
  partnerRotary,
  seedDepot,
  startDonations,
} from './testing/harness.js';

function made(lot: Lot, quantity: number): EventOf<typeof allocationMade> {
  return {
    id: randomUUID(),
    type: allocationMade.type,
    version: allocationMade.version,
    occurredAt: new Date().toISOString(),
    data: {
      allocationId: randomUUID(),
      runId: randomUUID(),
      needId: randomUUID(),
      householdId: randomUUID(),
      source: { kind: 'lot', lotId: lot.id, depotId: lot.depotId },
      quantity,
    },
  };
}

function released(
  of: EventOf<typeof allocationMade>,
  reason: EventOf<typeof allocationReleased>['data']['reason'] = 'need_cancelled',
): EventOf<typeof allocationReleased> {
  return {
    id: randomUUID(),
    type: allocationReleased.type,
    version: allocationReleased.version,
    occurredAt: new Date().toISOString(),
    data: {
      allocationId: of.data.allocationId,
      needId: of.data.needId,
      source: of.data.source,
      quantity: of.data.quantity,
      reason,
    },
  };
}

/** The order matching sends dispatch for some allocations of lots. */
function ordered(
  orderId: string,
  of: EventOf<typeof allocationMade>[],
): EventOf<typeof deliveryOrdered> {
  return {
    id: randomUUID(),
    type: deliveryOrdered.type,
    version: deliveryOrdered.version,
    occurredAt: new Date().toISOString(),
    data: {
      orderId,
      kind: 'delivery',
      householdId: randomUUID(),
      districtCode: '5214057000',
      depotId: FIXTURE.depotId,
      needIds: of.map((m) => m.data.needId),
      allocations: of.map((m) => ({
        allocationId: m.data.allocationId,
        lotId: m.data.source.kind === 'lot' ? m.data.source.lotId : undefined,
        quantity: m.data.quantity,
      })),
      items: of.map((m) => ({
        category: 'instant_food' as const,
        quantity: m.data.quantity,
        unit: 'box' as const,
      })),
      storageClass: 'ambient',
      deliverBy: '2026-12-20',
      priority: 10,
    },
  };
}

/** Dispatch's word that the carrier delivered the order (or did not). */
function stop(
  orderId: string,
  status: 'delivered' | 'not_home' = 'delivered',
): EventOf<typeof stopUpdated> {
  return {
    id: randomUUID(),
    type: stopUpdated.type,
    version: stopUpdated.version,
    occurredAt: new Date().toISOString(),
    data: {
      stopId: randomUUID(),
      routeId: randomUUID(),
      orderId,
      kind: 'delivery',
      carrierId: randomUUID(),
      status,
      at: new Date().toISOString(),
      returnedToPool: status !== 'delivered',
    },
  };
}

describe('allocations from matching', () => {
  let h: DonationsHarness;
  const allocatedEvents: EventOf<typeof donationAllocated>[] = [];
  const writtenOff: EventOf<typeof lotWrittenOff>[] = [];
  const refusals: EventOf<typeof allocationRefused>[] = [];
  beforeAll(async () => {
    h = await startDonations();
    await seedDepot(h.bus);
    await h.bus.consume({
      durable: 'test_donation_allocated',
      routes: [
        on(donationAllocated, (event) => Promise.resolve(void allocatedEvents.push(event))),
        on(lotWrittenOff, (event) => Promise.resolve(void writtenOff.push(event))),
        on(allocationRefused, (event) => Promise.resolve(void refusals.push(event))),
      ],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  /** A donation received into two lots: 40 boxes of noodles and 10 packs of milk. */
  async function received() {
    const posted = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    await h.bus.request(acceptDonation, { donationId: posted.id }, { actor: dispatcher });
    await h.bus.request(recordPickup, { donationId: posted.id }, { actor: dispatcher });
    const { donation, lots } = await h.bus.request(
      receiveDonation,
      { donationId: posted.id, depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    const [noodles, milk] = lots;
    if (!noodles || !milk) throw new Error('expected two lots');
    return { donation, noodles, milk };
  }

  const lotRow = (id: string) =>
    h.db
      .selectFrom('lots')
      .select(['quantity_available', 'quantity_allocated', 'quantity_written_off'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  /** A lot's units available and delivered. */
  const deliveredOf = async (id: string) => {
    const row = await h.db
      .selectFrom('lots')
      .select(['quantity_available', 'quantity_delivered'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return [row.quantity_available, row.quantity_delivered];
  };
  const statusOf = async (donationId: string) =>
    (await h.bus.request(getDonation, { donationId }, { actor: dispatcher })).status;

  it('should count delivered units once the carrier delivers, and the donation as delivered at the end', async () => {
    const { donation, noodles, milk } = await received();
    const [a, b, c] = [made(noodles, 40), made(milk, 4), made(milk, 6)];
    for (const event of [a, b, c]) await h.bus.publish(allocationMade.subject, event);
    await expect.poll(() => statusOf(donation.id), { timeout: 5_000 }).toBe('allocated');
    const [first, second] = [randomUUID(), randomUUID()];
    await h.bus.publish(deliveryOrdered.subject, ordered(first, [a, b]));
    // The second order's stop is reported before its order reaches donations.
    await h.bus.publish(stopUpdated.subject, stop(second));
    await h.bus.publish(stopUpdated.subject, stop(first, 'not_home'));
    const delivered = stop(first);
    await h.bus.publish(stopUpdated.subject, delivered);
    await h.bus.publish(stopUpdated.subject, { ...delivered, id: randomUUID() });
    await expect
      .poll(async () => [await deliveredOf(noodles.id), await deliveredOf(milk.id)], {
        timeout: 5_000,
      })
      .toEqual([
        [0, 40],
        [0, 4],
      ]);
    expect(await statusOf(donation.id)).toBe('allocated');
    // Releasing delivered units gives nothing back: the household has them.
    await h.bus.publish(allocationReleased.subject, released(b));
    await h.bus.publish(deliveryOrdered.subject, ordered(second, [c]));
    await expect
      .poll(async () => [await deliveredOf(noodles.id), await deliveredOf(milk.id)], {
        timeout: 5_000,
      })
      .toEqual([
        [0, 40],
        [0, 10],
      ]);
    await expect.poll(() => statusOf(donation.id), { timeout: 5_000 }).toBe('delivered');
    const history = (
      await h.bus.request(getDonation, { donationId: donation.id }, { actor: dispatcher })
    ).history;
    expect(history.at(-1)).toMatchObject({ status: 'delivered', by: DELIVERY_ACTOR });
  });

  it('should not deliver units released before the delivery was reported', async () => {
    const { noodles } = await received();
    const allocation = made(noodles, 5);
    const orderId = randomUUID();
    await h.bus.publish(allocationMade.subject, allocation);
    await h.bus.publish(deliveryOrdered.subject, ordered(orderId, [allocation]));
    await expect
      .poll(async () => (await lotRow(noodles.id)).quantity_allocated, { timeout: 5_000 })
      .toBe(5);
    await h.bus.publish(allocationReleased.subject, released(allocation));
    await expect
      .poll(async () => (await lotRow(noodles.id)).quantity_allocated, { timeout: 5_000 })
      .toBe(0);
    await h.bus.publish(stopUpdated.subject, stop(orderId));
    // Give the stop update time to be applied (its inbox row), then nothing was delivered.
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('delivery_orders')
              .select('delivered_at')
              .where('order_id', '=', orderId)
              .executeTakeFirst()
          )?.delivered_at,
        { timeout: 5_000 },
      )
      .toBeInstanceOf(Date);
    expect(await deliveredOf(noodles.id)).toEqual([40, 0]);
  });

  it("should keep a lot right whatever order an allocation's events are handled in", async () => {
    const { noodles, milk } = await received();
    // Released before made (the made one redelivered late): the lot takes nothing, for good.
    const early = made(noodles, 5);
    await h.bus.publish(allocationReleased.subject, released(early));
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('lot_allocations')
              .select('status')
              .where('allocation_id', '=', early.data.allocationId)
              .executeTakeFirst()
          )?.status,
        { timeout: 5_000 },
      )
      .toBe('released');
    await h.bus.publish(allocationMade.subject, early);
    // A later allocation of the same lot shows the late one was handled.
    await h.bus.publish(allocationMade.subject, made(noodles, 3));
    await expect
      .poll(async () => (await lotRow(noodles.id)).quantity_allocated, { timeout: 5_000 })
      .toBe(3);
    expect(await lotRow(noodles.id)).toMatchObject({ quantity_available: 37 });

    // Ordered and delivered before made: the units go from available straight to delivered.
    const late = made(milk, 4);
    const orderId = randomUUID();
    await h.bus.publish(deliveryOrdered.subject, ordered(orderId, [late]));
    await h.bus.publish(stopUpdated.subject, stop(orderId));
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('delivery_orders')
              .select('delivered_at')
              .where('order_id', '=', orderId)
              .executeTakeFirst()
          )?.delivered_at,
        { timeout: 5_000 },
      )
      .toBeInstanceOf(Date);
    expect(await deliveredOf(milk.id)).toEqual([10, 0]);
    await h.bus.publish(allocationMade.subject, late);
    await expect.poll(() => deliveredOf(milk.id), { timeout: 5_000 }).toEqual([6, 4]);
    expect(await lotRow(milk.id)).toMatchObject({ quantity_allocated: 0 });
    // Its release afterwards gives nothing back: the household has the units.
    await h.bus.publish(allocationReleased.subject, released(late));
    await h.bus.publish(allocationMade.subject, made(milk, 1));
    await expect
      .poll(async () => (await lotRow(milk.id)).quantity_allocated, { timeout: 5_000 })
      .toBe(1);
    expect(await deliveredOf(milk.id)).toEqual([5, 4]);
  });

  it('should count an allocation once however often it is delivered, and never beyond the lot', async () => {
    const { noodles } = await received();
    const event = made(noodles, 15);
    await h.bus.publish(allocationMade.subject, event);
    await h.bus.publish(allocationMade.subject, event);
    // More than is left (25): refused, and a later event shows the earlier ones were handled.
    await h.bus.publish(allocationMade.subject, made(noodles, 26));
    await h.bus.publish(allocationMade.subject, made(noodles, 5));
    await expect
      .poll(async () => (await lotRow(noodles.id)).quantity_allocated, { timeout: 5_000 })
      .toBe(20);
    expect(await lotRow(noodles.id)).toMatchObject({ quantity_available: 20 });
  });

  it('should move a donation to allocated when all its lots are, and back to received on a release', async () => {
    const { donation, noodles, milk } = await received();
    await h.bus.publish(allocationMade.subject, made(noodles, 40));
    await h.bus.publish(allocationMade.subject, made(milk, 4));
    await expect.poll(async () => (await lotRow(milk.id)).quantity_allocated).toBe(4);
    // Milk still has 6 packs available: not yet allocated.
    expect(await statusOf(donation.id)).toBe('received');

    const lastMilk = made(milk, 6);
    await h.bus.publish(allocationMade.subject, lastMilk);
    await expect.poll(() => statusOf(donation.id), { timeout: 5_000 }).toBe('allocated');
    const after = await h.bus.request(
      getDonation,
      { donationId: donation.id },
      { actor: dispatcher },
    );
    expect(after.history.at(-1)).toMatchObject({ status: 'allocated', by: ALLOCATION_ACTOR });
    await expect
      .poll(() => allocatedEvents.filter((e) => e.data.donationId === donation.id).length)
      .toBe(1);

    const release = released(lastMilk);
    await h.bus.publish(allocationReleased.subject, release);
    await h.bus.publish(allocationReleased.subject, release);
    await expect.poll(() => statusOf(donation.id), { timeout: 5_000 }).toBe('received');
    expect(await lotRow(milk.id)).toMatchObject({ quantity_available: 6, quantity_allocated: 4 });
    const back = await h.bus.request(
      getDonation,
      { donationId: donation.id },
      { actor: dispatcher },
    );
    expect(back.history.map((e) => e.status).slice(-2)).toEqual(['allocated', 'received']);
  });

  it('should write off units released from an expired lot rather than make them available', async () => {
    const { noodles } = await received();
    const allocation = made(noodles, 10);
    await h.bus.publish(allocationMade.subject, allocation);
    await expect.poll(async () => (await lotRow(noodles.id)).quantity_allocated).toBe(10);
    await h.db
      .updateTable('lots')
      .set({ status: 'expired' })
      .where('id', '=', noodles.id)
      .execute();
    await h.bus.publish(allocationReleased.subject, released(allocation));
    await expect.poll(async () => (await lotRow(noodles.id)).quantity_allocated).toBe(0);
    expect(await lotRow(noodles.id)).toMatchObject({
      quantity_available: 30,
      quantity_written_off: 10,
    });
  });

  it('should tell matching of a counted write-off through the outbox, once', async () => {
    const { milk } = await received();
    await h.bus.request(
      writeOffLot,
      { lotId: milk.id, quantity: 3, reason: 'torn packs' },
      { actor: dispatcher },
    );
    await expect
      .poll(() => writtenOff.filter((e) => e.data.lotId === milk.id), { timeout: 5_000 })
      .toEqual([
        expect.objectContaining({
          data: expect.objectContaining({
            lotId: milk.id,
            depotId: FIXTURE.depotId,
            quantityWrittenOff: 3,
            quantityAvailable: 7,
            reason: 'torn packs',
            by: { kind: 'user', id: dispatcher.id },
          }) as unknown,
        }),
      ]);
  });

  describe('an allocation its lot can no longer hold', () => {
    const refusalsOf = (allocationId: string) =>
      refusals.filter((e) => e.data.allocationId === allocationId);
    const allocationRow = (allocationId: string) =>
      h.db
        .selectFrom('lot_allocations')
        .select(['status', 'units_held', 'refused_reason', 'order_id'])
        .where('allocation_id', '=', allocationId)
        .executeTakeFirst();
    const writeOff = (lotId: string, quantity: number) =>
      h.bus.request(
        writeOffLot,
        { lotId, quantity, reason: 'fridge failed' },
        { actor: dispatcher },
      );

    it('should refuse it once, tell matching why, and give nothing back on its release', async () => {
      const { milk } = await received();
      // Written off between matching's run and this `allocation.made`.
      await writeOff(milk.id, 10);
      const event = made(milk, 4);
      await h.bus.publish(allocationMade.subject, event);
      await h.bus.publish(allocationMade.subject, event);
      // The same allocation in another envelope: the row remembers the refusal.
      await h.bus.publish(allocationMade.subject, { ...event, id: randomUUID() });
      await expect
        .poll(() => refusalsOf(event.data.allocationId).length, { timeout: 5_000 })
        .toBe(1);
      expect(refusalsOf(event.data.allocationId)[0]?.data).toEqual({
        allocationId: event.data.allocationId,
        needId: event.data.needId,
        lotId: milk.id,
        quantity: 4,
        reason: 'lot_written_off',
        quantityAvailable: 0,
      });
      expect(await allocationRow(event.data.allocationId)).toMatchObject({
        status: 'refused',
        units_held: false,
        refused_reason: 'lot_written_off',
      });
      // Matching's release of the refused allocation gives back nothing the lot never took.
      await h.bus.publish(allocationReleased.subject, released(event, 'lot_unavailable'));
      const shown = made(milk, 1);
      await h.bus.publish(allocationMade.subject, shown);
      await expect.poll(() => refusalsOf(shown.data.allocationId).length).toBe(1);
      expect(await lotRow(milk.id)).toEqual({
        quantity_available: 0,
        quantity_allocated: 0,
        quantity_written_off: 10,
      });
      expect(refusalsOf(event.data.allocationId)).toHaveLength(1);
    });

    it('should refuse units that went elsewhere, and its order then delivers nothing', async () => {
      const { noodles } = await received();
      await writeOff(noodles.id, 30);
      const event = made(noodles, 12);
      const orderId = randomUUID();
      // Its order reached donations first.
      await h.bus.publish(deliveryOrdered.subject, ordered(orderId, [event]));
      await expect
        .poll(async () => (await allocationRow(event.data.allocationId))?.order_id)
        .toBe(orderId);
      await h.bus.publish(allocationMade.subject, event);
      await expect
        .poll(() => refusalsOf(event.data.allocationId).map((e) => e.data.reason), {
          timeout: 5_000,
        })
        .toEqual(['too_few_units']);
      expect(refusalsOf(event.data.allocationId)[0]?.data.quantityAvailable).toBe(10);
      await h.bus.publish(stopUpdated.subject, stop(orderId));
      await expect
        .poll(
          async () =>
            (
              await h.db
                .selectFrom('delivery_orders')
                .select('delivered_at')
                .where('order_id', '=', orderId)
                .executeTakeFirst()
            )?.delivered_at,
          { timeout: 5_000 },
        )
        .toBeInstanceOf(Date);
      expect(await deliveredOf(noodles.id)).toEqual([10, 0]);
      expect(await allocationRow(event.data.allocationId)).toMatchObject({ status: 'refused' });
    });

    it('should not re-open a need whose order was delivered before the lot came up short', async () => {
      const { milk } = await received();
      await writeOff(milk.id, 8);
      const event = made(milk, 5);
      const orderId = randomUUID();
      await h.bus.publish(deliveryOrdered.subject, ordered(orderId, [event]));
      await h.bus.publish(stopUpdated.subject, stop(orderId));
      await expect
        .poll(async () => (await allocationRow(event.data.allocationId))?.status, {
          timeout: 5_000,
        })
        .toBe('delivered');
      await h.bus.publish(allocationMade.subject, event);
      await expect
        .poll(async () => (await allocationRow(event.data.allocationId))?.refused_reason, {
          timeout: 5_000,
        })
        .toBe('too_few_units');
      // The household has the goods: matching is not told, and the lot's counts stay whole.
      const shown = made(milk, 2);
      await h.bus.publish(allocationMade.subject, shown);
      await expect.poll(async () => (await lotRow(milk.id)).quantity_allocated).toBe(2);
      expect(refusalsOf(event.data.allocationId)).toEqual([]);
      expect(await deliveredOf(milk.id)).toEqual([0, 0]);
    });
  });
});
