import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RpcRemoteError } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import {
  acceptDonation,
  getDonation,
  postDonation,
  receiveDonation,
  recordPickup,
} from '@anbu/contracts/rpc';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { DonationsHarness } from './testing/harness.js';
import {
  dispatcher,
  donationInput,
  FIXTURE,
  partnerRotary,
  seedDepot,
  startDonations,
} from './testing/harness.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

describe.skipIf(!servers)('donations on PostgreSQL and NATS', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let h: DonationsHarness;

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    const bus = await createNatsBus({
      servers: nats.url,
      log: createTestLogger(),
      name: 'donations-test',
    });
    h = await startDonations({ url: postgres.url, bus });
    await seedDepot(h.bus);
  });

  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should post a donation once per idempotency key and read it back', async () => {
    const options = { actor: partnerRotary, idempotencyKey: 'rotary-2026-11-25-a' };
    // One payload sent twice: the same key with another payload is refused (422).
    const input = donationInput();
    const first = await h.bus.request(postDonation, input, options);
    const again = await h.bus.request(postDonation, input, options);
    expect(again.id).toBe(first.id);
    expect(
      await h.bus.request(getDonation, { donationId: first.id }, { actor: partnerRotary }),
    ).toEqual(first);
  });

  it('should receive a donation into lots', async () => {
    const posted = await h.bus.request(postDonation, donationInput(), { actor: partnerRotary });
    await h.bus.request(acceptDonation, { donationId: posted.id }, { actor: dispatcher });
    await h.bus.request(recordPickup, { donationId: posted.id }, { actor: dispatcher });
    const received = await h.bus.request(
      receiveDonation,
      { donationId: posted.id, depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    expect(received.lots.map((l) => l.quantityAvailable)).toEqual([40, 10]);
  });

  it('should answer a malformed payload with BAD_REQUEST naming the field, storing nothing', async () => {
    const before = await h.db.selectFrom('donations').select('id').execute();
    const error = await h.bus
      .request(postDonation, donationInput({ pickup: { placeName: '' } }), { actor: partnerRotary })
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).code).toBe('BAD_REQUEST');
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toContain('pickup.placeName');
    expect(await h.db.selectFrom('donations').select('id').execute()).toHaveLength(before.length);
  });
});
