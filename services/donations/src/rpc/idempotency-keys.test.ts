import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RpcRemoteError } from '@anbu/bus';
import { acceptDonation, postDonation } from '@anbu/contracts/rpc';

import type { DonationsHarness } from '../testing/harness.js';
import {
  dispatcher,
  donationInput,
  partnerFoodBank,
  partnerRotary,
  seedDepot,
  startDonations,
} from '../testing/harness.js';

describe('idempotency keys of donations mutations', () => {
  let h: DonationsHarness;
  beforeAll(async () => {
    h = await startDonations();
    await seedDepot(h.bus);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });
  const count = async () => (await h.db.selectFrom('donations').select('id').execute()).length;

  it('should answer a retry with the same body, and refuse the key for another payload', async () => {
    const options = { actor: partnerRotary, idempotencyKey: 'rotary-key-0001' };
    const before = await count();
    // One payload, sent twice (donationInput() moves its pickup window with the clock).
    const input = donationInput();
    const first = await h.bus.request(postDonation, input, options);
    const again = await h.bus.request(postDonation, input, options);
    expect(again).toEqual(first);
    const other = { ...input, note: 'a different donation' };
    const refused = await h.bus.request(postDonation, other, options).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RpcRemoteError);
    expect((refused as RpcRemoteError).code).toBe('UNPROCESSABLE');
    expect(await count()).toBe(before + 1);
    // Keys are scoped per caller: another partner's identical key is its own.
    const theirs = await h.bus.request(postDonation, input, {
      actor: partnerFoodBank,
      idempotencyKey: 'rotary-key-0001',
    });
    expect(theirs.id).not.toBe(first.id);
  });

  it('should replay a state transition instead of answering CONFLICT the second time', async () => {
    const posted = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    const options = { actor: dispatcher, idempotencyKey: 'accept-0001' };
    const first = await h.bus.request(acceptDonation, { donationId: posted.id }, options);
    const again = await h.bus.request(acceptDonation, { donationId: posted.id }, options);
    expect(again).toEqual(first);
    expect(first.history.filter((e) => e.status === 'accepted')).toHaveLength(1);
  });

  it('should make effects equal distinct keys under random retries and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        async (keys, run) => {
          const before = await count();
          const prefix = `prop-${run}-${Date.now()}`;
          const input = donationInput();
          // Every key sent 1-12 times, some at once, as a retrying client would.
          await Promise.all(
            keys.map((k) =>
              h.bus.request(
                postDonation,
                { ...input, note: `n${k}` },
                {
                  actor: partnerRotary,
                  idempotencyKey: `${prefix}-${k}`,
                },
              ),
            ),
          );
          expect(await count()).toBe(before + new Set(keys).size);
        },
      ),
      { numRuns: 15 },
    );
  });
});
