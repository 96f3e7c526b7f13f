import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RpcRemoteError } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { lotReceived } from '@anbu/contracts/events';
import { listAllocations } from '@anbu/contracts/rpc';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { MatchingHarness } from './testing/harness.js';
import { startMatching } from './testing/harness.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

describe.skipIf(!servers)('matching on PostgreSQL and NATS', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let h: MatchingHarness;

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    const bus = await createNatsBus({
      servers: nats.url,
      log: createTestLogger(),
      name: 'matching-test',
    });
    h = await startMatching({ url: postgres.url, bus });
  });

  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should take a lot received over JetStream into its view of stock', async () => {
    const lotId = randomUUID();
    await h.bus.publish(lotReceived.subject, {
      id: randomUUID(),
      type: lotReceived.type,
      version: lotReceived.version,
      occurredAt: new Date().toISOString(),
      data: {
        lotId,
        depotId: randomUUID(),
        category: 'rice_grain',
        unit: 'bag',
        quantity: 12,
        storageClass: 'ambient',
        restrictions: { householdTypes: [], districtCodes: [] },
      },
    });
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('stock_lots')
              .select('quantity')
              .where('lot_id', '=', lotId)
              .execute()
          ).length,
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
  });

  it('should answer a malformed payload with BAD_REQUEST naming the field', async () => {
    const staff = { kind: 'user' as const, id: 'u-1', role: 'admin' as const, districtCodes: [] };
    const error = await h.bus
      .request(listAllocations, { needId: 'x' }, { actor: staff })
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).code).toBe('BAD_REQUEST');
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual(['needId']);
  });
});
