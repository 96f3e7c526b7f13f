import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Server } from '@anbu/bus';
import type { EventOf, PickupSlot } from '@anbu/contracts';
import { handle, on, RpcRemoteError } from '@anbu/bus';
import { seoulDate } from '@anbu/contracts';
import { donationPickupBooked } from '@anbu/contracts/events';
import { acceptDonation, bookPickup, listPickupSlots, postDonation } from '@anbu/contracts/rpc';

import type { DonationsHarness } from './testing/harness.js';
import {
  dispatcher,
  donationInput,
  FIXTURE,
  partnerFoodBank,
  partnerRotary,
  seedDepot,
  startDonations,
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

describe('pickup slot booking', () => {
  let h: DonationsHarness;
  let dispatchStub: Server | undefined;
  const asked: { from: string; to: string }[] = [];
  const booked: EventOf<typeof donationPickupBooked>[] = [];
  // Tomorrow's pickup window of donationInput() is 3 hours from now + 1 day.
  const start = new Date(Date.now() + 86_400_000);
  const slot = (overrides: Partial<PickupSlot> = {}): PickupSlot => ({
    id: randomUUID(),
    date: seoulDate(start),
    window: {
      start: new Date(start.getTime() + 30 * 60_000).toISOString(),
      end: new Date(start.getTime() + 90 * 60_000).toISOString(),
    },
    depotId: FIXTURE.depotId,
    remaining: 3,
    ...overrides,
  });
  const open = slot();
  const full = slot({ remaining: 0 });
  const later = slot({
    window: {
      start: new Date(start.getTime() + 10 * 3_600_000).toISOString(),
      end: new Date(start.getTime() + 11 * 3_600_000).toISOString(),
    },
  });

  beforeAll(async () => {
    h = await startDonations();
    await seedDepot(h.bus);
    // Dispatch offers the slots; a stub responder on the bus stands in for it here.
    dispatchStub = await h.bus.serve([
      handle(listPickupSlots, (input) => {
        asked.push({ from: input.from, to: input.to });
        return Promise.resolve({ items: [open, full, later] });
      }),
    ]);
    await h.bus.consume({
      durable: 'test_pickup_booked',
      routes: [on(donationPickupBooked, (event) => Promise.resolve(void booked.push(event)))],
    });
  });
  afterAll(async () => {
    await dispatchStub?.stop();
    await h[Symbol.asyncDispose]();
  });

  const accepted = async () => {
    const donation = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    return h.bus.request(acceptDonation, { donationId: donation.id }, { actor: dispatcher });
  };

  it('should book an offered slot for an accepted donation and tell dispatch what to fetch', async () => {
    const donation = await accepted();
    const result = await h.bus.request(
      bookPickup,
      { donationId: donation.id, pickupSlotId: open.id },
      { actor: partnerRotary },
    );
    expect(result).toMatchObject({ pickupSlotId: open.id, status: 'accepted' });
    expect(asked.at(-1)).toEqual({ from: seoulDate(start), to: expect.any(String) as string });
    // The same booking again is one booking.
    await h.bus.request(
      bookPickup,
      { donationId: donation.id, pickupSlotId: open.id },
      { actor: partnerRotary },
    );
    await expect
      .poll(() => booked.filter((e) => e.data.donationId === donation.id).length, {
        timeout: 5_000,
      })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const events = booked.filter((e) => e.data.donationId === donation.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      pickupSlotId: open.id,
      depotId: FIXTURE.depotId,
      organisationId: FIXTURE.rotaryId,
      pickupWindow: open.window,
      storageClass: 'chilled',
      boxes: 40,
      pickupLocation: donationInput().pickup.location,
    });
  });

  it("should answer another organisation's donation like a missing one", async () => {
    const donation = await accepted();
    const error = await remoteError(
      h.bus.request(
        bookPickup,
        { donationId: donation.id, pickupSlotId: open.id },
        { actor: partnerFoodBank },
      ),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.issues[0]?.path).toBe('donationId');
  });

  it('should refuse a slot not offered, a full one, one outside the window and a donation not accepted', async () => {
    const donation = await accepted();
    const book = (pickupSlotId: string, donationId = donation.id) =>
      remoteError(
        h.bus.request(bookPickup, { donationId, pickupSlotId }, { actor: partnerRotary }),
      );
    const unknown = await book(randomUUID());
    expect([unknown.code, unknown.issues[0]?.path]).toEqual(['NOT_FOUND', 'pickupSlotId']);
    const fullSlot = await book(full.id);
    expect([fullSlot.code, fullSlot.issues[0]?.path]).toEqual(['CONFLICT', 'pickupSlotId']);
    const outside = await book(later.id);
    expect([outside.code, outside.issues[0]?.path]).toEqual(['UNPROCESSABLE', 'pickupSlotId']);
    const offered = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    const notAccepted = await book(open.id, offered.id);
    expect([notAccepted.code, notAccepted.issues[0]?.path]).toEqual(['CONFLICT', 'donationId']);
  });

  it('should answer UNAVAILABLE, not hang, when dispatch does not answer', async () => {
    const donation = await accepted();
    await dispatchStub?.stop();
    dispatchStub = undefined;
    const error = await remoteError(
      h.bus.request(
        bookPickup,
        { donationId: donation.id, pickupSlotId: open.id },
        { actor: partnerRotary, timeoutMs: 10_000 },
      ),
    );
    expect(error.code).toBe('UNAVAILABLE');
  });
});
