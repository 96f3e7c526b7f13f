import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RpcRemoteError } from '@anbu/bus';
import {
  acceptDonation,
  getDonation,
  listDonations,
  listLots,
  postDonation,
  receiveDonation,
  recordPickup,
  stockSummary,
  sweepExpiry,
  writeOffLot,
} from '@anbu/contracts/rpc';

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

describe('donations service', () => {
  let h: DonationsHarness;
  beforeAll(async () => {
    h = await startDonations();
    await seedDepot(h.bus);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });
  const count = async () => (await h.db.selectFrom('donations').select('id').execute()).length;

  it('should post a donation once for a double submit with the same idempotency key', async () => {
    const before = await count();
    const options = { actor: partnerRotary, idempotencyKey: 'rotary-noodles-2026-11' };
    // One payload sent twice: the same key with another payload is refused (422).
    const input = donationInput();
    const first = await h.bus.request(postDonation, input, options);
    const second = await h.bus.request(postDonation, input, options);
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'offered', organisationId: FIXTURE.rotaryId });
    expect(first.history).toEqual([
      expect.objectContaining({ status: 'offered', by: { kind: 'user', id: partnerRotary.id } }),
    ]);
    expect(await count()).toBe(before + 1);
  });

  it('should refuse a malformed donation naming the field, storing nothing', async () => {
    const before = await count();
    const error = await remoteError(
      h.bus.request(
        postDonation,
        donationInput({
          items: [
            {
              category: 'dairy',
              quantity: -3,
              unit: 'pack',
              storageClass: 'chilled',
              expiresOn: '2020-01-01',
            },
          ],
        }),
        { actor: partnerRotary },
      ),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues.map((i) => i.path)).toContain('items.0.quantity');
    expect(await count()).toBe(before);
  });

  it('should show a partner only its own organisation’s donations', async () => {
    const mine = await h.bus.request(postDonation, donationInput(), { actor: partnerFoodBank });
    const theirs = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    const list = await h.bus.request(
      listDonations,
      { organisationId: FIXTURE.rotaryId },
      { actor: partnerFoodBank },
    );
    expect(list.items.map((d) => d.organisationId)).toEqual(
      list.items.map(() => FIXTURE.foodBankId),
    );
    expect(list.items.map((d) => d.id)).toContain(mine.id);
    const hidden = await remoteError(
      h.bus.request(getDonation, { donationId: theirs.id }, { actor: partnerFoodBank }),
    );
    expect(hidden.code).toBe('NOT_FOUND');
    const forbidden = await remoteError(
      h.bus.request(acceptDonation, { donationId: mine.id }, { actor: partnerFoodBank }),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
  });

  it('should walk a donation to stock: accept, pick up, receive into lots that conserve units', async () => {
    const posted = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    const early = await remoteError(
      h.bus.request(
        receiveDonation,
        { donationId: posted.id, depotId: FIXTURE.depotId },
        { actor: dispatcher },
      ),
    );
    expect(early.code).toBe('CONFLICT');
    await h.bus.request(acceptDonation, { donationId: posted.id }, { actor: dispatcher });
    await h.bus.request(recordPickup, { donationId: posted.id }, { actor: dispatcher });
    const { donation, lots } = await h.bus.request(
      receiveDonation,
      {
        donationId: posted.id,
        depotId: FIXTURE.depotId,
        received: [{ itemIndex: 0, quantity: 38 }],
      },
      { actor: dispatcher },
    );
    expect(donation.status).toBe('received');
    expect(donation.history.map((e) => e.status)).toEqual([
      'offered',
      'accepted',
      'picked_up',
      'received',
    ]);
    expect(lots.map((l) => [l.category, l.quantityReceived, l.quantityAvailable])).toEqual([
      ['instant_food', 38, 38],
      ['dairy', 10, 10],
    ]);
    const stock = await h.bus.request(
      listLots,
      { depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    expect(stock.items.map((l) => l.id)).toEqual(expect.arrayContaining(lots.map((l) => l.id)));
    const summary = await h.bus.request(
      stockSummary,
      { depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    expect(summary.rows.find((r) => r.category === 'dairy')).toMatchObject({
      available: 10,
      earliestExpiry: '2099-12-31',
    });
  });

  it('should refuse to receive more than was offered, naming the field, and keep the status', async () => {
    const posted = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    await h.bus.request(acceptDonation, { donationId: posted.id }, { actor: dispatcher });
    await h.bus.request(recordPickup, { donationId: posted.id }, { actor: dispatcher });
    const error = await remoteError(
      h.bus.request(
        receiveDonation,
        {
          donationId: posted.id,
          depotId: FIXTURE.depotId,
          received: [{ itemIndex: 1, quantity: 99 }],
        },
        { actor: dispatcher },
      ),
    );
    expect(error.issues[0]?.path).toBe('received.0.quantity');
    const after = await h.bus.request(
      getDonation,
      { donationId: posted.id },
      { actor: dispatcher },
    );
    expect(after.status).toBe('picked_up');
  });

  it('should write off counted losses and sweep expired lots, conserving every unit', async () => {
    const posted = await h.bus.request(
      postDonation,
      donationInput({
        items: [
          {
            category: 'dairy',
            quantity: 10,
            unit: 'pack',
            storageClass: 'chilled',
            expiresOn: '2099-01-10',
          },
          { category: 'dry_food', quantity: 5, unit: 'bag', storageClass: 'ambient' },
        ],
      }),
      { actor: partnerRotary },
    );
    await h.bus.request(acceptDonation, { donationId: posted.id }, { actor: dispatcher });
    await h.bus.request(recordPickup, { donationId: posted.id }, { actor: dispatcher });
    const { lots } = await h.bus.request(
      receiveDonation,
      { donationId: posted.id, depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    const [dairy, dry] = lots;
    const damaged = await h.bus.request(
      writeOffLot,
      { lotId: dairy?.id ?? '', quantity: 3, reason: 'torn packs' },
      { actor: dispatcher },
    );
    expect(damaged).toMatchObject({
      quantityAvailable: 7,
      quantityWrittenOff: 3,
      status: 'in_stock',
    });
    const tooMany = await remoteError(
      h.bus.request(
        writeOffLot,
        { lotId: dairy?.id ?? '', quantity: 8, reason: 'x' },
        { actor: dispatcher },
      ),
    );
    expect(tooMany.issues[0]?.path).toBe('quantity');
    const swept = await h.bus.request(sweepExpiry, { asOf: '2099-01-11' }, { actor: dispatcher });
    expect(swept.expiredLotIds).toContain(dairy?.id);
    expect(swept.expiredLotIds).not.toContain(dry?.id);
    const after = await h.bus.request(
      listLots,
      { depotId: FIXTURE.depotId, statuses: ['expired'] },
      { actor: dispatcher },
    );
    const expired = after.items.find((l) => l.id === dairy?.id);
    expect(expired).toMatchObject({
      quantityAvailable: 0,
      quantityWrittenOff: 10,
      quantityReceived: 10,
      status: 'expired',
    });
  });
});
