import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf } from '@anbu/contracts';
import { on } from '@anbu/bus';
import { lotExpired } from '@anbu/contracts/events';
import {
  acceptDonation,
  listLots,
  postDonation,
  receiveDonation,
  recordPickup,
} from '@anbu/contracts/rpc';

import type { DonationsHarness } from '../testing/harness.js';
import {
  dispatcher,
  donationInput,
  FIXTURE,
  partnerRotary,
  seedDepot,
  startDonations,
} from '../testing/harness.js';

describe('expiry sweeper', () => {
  let h: DonationsHarness;
  // The service's clock: today until the test moves it past the milk's date.
  let clock = new Date();
  const expired: EventOf<typeof lotExpired>[] = [];
  const milkExpiry = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await startDonations({ service: { now: () => clock, expirySweepMs: 100 } });
    await seedDepot(h.bus);
    await h.bus.consume({
      durable: 'test_lot_expired',
      routes: [on(lotExpired, (event) => Promise.resolve(void expired.push(event)))],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should write expired lots off on its own timer, once, and leave good lots in stock', async () => {
    const input = donationInput();
    const posted = await h.bus.request(
      postDonation,
      {
        ...input,
        items: input.items.map((item) =>
          item.category === 'dairy' ? { ...item, expiresOn: milkExpiry } : item,
        ),
      },
      { actor: partnerRotary },
    );
    await h.bus.request(acceptDonation, { donationId: posted.id }, { actor: dispatcher });
    await h.bus.request(recordPickup, { donationId: posted.id }, { actor: dispatcher });
    const { lots } = await h.bus.request(
      receiveDonation,
      { donationId: posted.id, depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    const milk = lots.find((lot) => lot.category === 'dairy');
    const noodles = lots.find((lot) => lot.category === 'instant_food');
    // Several ticks pass while the milk is still good: nothing is written off.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(expired.filter((e) => e.data.lotId === milk?.id)).toEqual([]);

    // Three days later, the timer finds the milk past its date.
    clock = new Date(Date.now() + 3 * 86_400_000);
    await expect
      .poll(() => expired.filter((e) => e.data.lotId === milk?.id).length, { timeout: 5_000 })
      .toBe(1);
    // More ticks: still one event, the lot stays expired with every unit written off.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(expired.filter((e) => e.data.lotId === milk?.id)).toHaveLength(1);
    expect(expired[0]?.data).toMatchObject({ expiresOn: milkExpiry, quantityWrittenOff: 10 });
    const all = await h.bus.request(
      listLots,
      { depotId: FIXTURE.depotId, statuses: ['in_stock', 'expired'] },
      { actor: dispatcher },
    );
    expect(all.items.find((lot) => lot.id === milk?.id)).toMatchObject({
      status: 'expired',
      quantityAvailable: 0,
      quantityWrittenOff: 10,
      quantityReceived: 10,
    });
    expect(all.items.find((lot) => lot.id === noodles?.id)).toMatchObject({ status: 'in_stock' });
  });
});
