import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '@anbu/contracts';
import { donationPickupBooked } from '@anbu/contracts/events';
import { createCarrier, createShifts, listPickupSlots } from '@anbu/contracts/rpc';

import type { DispatchHarness } from '../testing/harness.js';
import { carrierInput, dispatcher, FIXTURE, partner, startDispatch } from '../testing/harness.js';

const donations: Actor = { kind: 'service', id: 'donations', districtCodes: [] };
const DAY = '2026-12-02';
const window = (from: string, to: string) => ({
  start: `${DAY}T${from}:00+09:00`,
  end: `${DAY}T${to}:00+09:00`,
});

describe('pickup slots', () => {
  let h: DispatchHarness;
  beforeAll(async () => {
    h = await startDispatch();
    const van = await h.bus.request(createCarrier, carrierInput({ kind: 'van', name: '김탑차' }), {
      actor: dispatcher,
    });
    const bike = await h.bus.request(createCarrier, carrierInput(), { actor: dispatcher });
    await h.bus.request(
      createShifts,
      {
        shifts: [
          {
            carrierId: van.id,
            date: DAY,
            window: window('09:00', '13:00'),
            startDepotId: FIXTURE.depotId,
          },
          {
            carrierId: bike.id,
            date: DAY,
            window: window('09:00', '17:00'),
            startDepotId: FIXTURE.depotId,
          },
        ],
      },
      { actor: dispatcher },
    );
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should offer two-hour slots from the van shift only, the same ids on every ask', async () => {
    const { items } = await h.bus.request(
      listPickupSlots,
      { from: DAY, to: DAY },
      { actor: donations },
    );
    expect(items.map((s) => [s.window.start, s.window.end, s.remaining])).toEqual([
      ['2026-12-02T00:00:00.000Z', '2026-12-02T02:00:00.000Z', 2],
      ['2026-12-02T02:00:00.000Z', '2026-12-02T04:00:00.000Z', 2],
    ]);
    expect(items.every((s) => s.depotId === FIXTURE.depotId && s.date === DAY)).toBe(true);
    const again = await h.bus.request(listPickupSlots, { from: DAY, to: DAY }, { actor: partner });
    expect(again.items.map((s) => s.id)).toEqual(items.map((s) => s.id));
  });

  it('should offer nothing on a day without shifts or at another depot', async () => {
    const other = await h.bus.request(
      listPickupSlots,
      { from: DAY, to: DAY, depotId: randomUUID() },
      { actor: donations },
    );
    expect(other.items).toEqual([]);
    const empty = await h.bus.request(
      listPickupSlots,
      { from: '2026-12-03', to: '2026-12-04' },
      { actor: donations },
    );
    expect(empty.items).toEqual([]);
  });

  it('should count a slot down once per booking event, and move a rebooked donation', async () => {
    const ask = async () =>
      (await h.bus.request(listPickupSlots, { from: DAY, to: DAY }, { actor: donations })).items;
    const [first, second] = await ask();
    if (!first || !second) throw new Error('expected two slots');
    const booked = (donationId: string, slot: typeof first, at: string, id = randomUUID()) => ({
      id,
      type: donationPickupBooked.type,
      version: donationPickupBooked.version,
      occurredAt: at,
      data: {
        donationId,
        organisationId: FIXTURE.postOfficeId,
        at,
        by: { kind: 'user' as const, id: partner.id },
        pickupSlotId: slot.id,
        depotId: slot.depotId,
        pickupLocation: { lat: 37.5, lng: 127 },
        pickupWindow: slot.window,
        storageClass: 'chilled' as const,
        boxes: 3,
        weightKg: 12,
      },
    });
    const remaining = async () => (await ask()).map((s) => s.remaining);
    const donationA = randomUUID();
    const event = booked(donationA, first, '2026-11-30T01:00:00.000Z');
    await h.bus.publish(donationPickupBooked.subject, event);
    await h.bus.publish(donationPickupBooked.subject, event);
    await expect.poll(remaining, { timeout: 5_000 }).toEqual([1, 2]);
    await h.bus.publish(
      donationPickupBooked.subject,
      booked(randomUUID(), first, '2026-11-30T01:05:00.000Z'),
    );
    await expect.poll(remaining, { timeout: 5_000 }).toEqual([0, 2]);
    // Donation A rebooks into the second slot: its place in the first comes back.
    await h.bus.publish(
      donationPickupBooked.subject,
      booked(donationA, second, '2026-11-30T02:00:00.000Z'),
    );
    await expect.poll(remaining, { timeout: 5_000 }).toEqual([1, 1]);
    // A late copy of the older booking (a new event id) does not move it back.
    await h.bus.publish(
      donationPickupBooked.subject,
      booked(donationA, first, '2026-11-30T01:00:00.000Z'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await remaining()).toEqual([1, 1]);
  });
});
