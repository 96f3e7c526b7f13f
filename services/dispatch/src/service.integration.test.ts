import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RpcRemoteError } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { createCarrier, listCarriers } from '@anbu/contracts/rpc';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { DispatchHarness } from './testing/harness.js';
import { carrierInput, dispatcher, FIXTURE, startDispatch } from './testing/harness.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

describe.skipIf(!servers)('dispatch on PostgreSQL and NATS', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let h: DispatchHarness;

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    const bus = await createNatsBus({
      servers: nats.url,
      log: createTestLogger(),
      name: 'dispatch-test',
    });
    h = await startDispatch({ url: postgres.url, bus });
  });

  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should create a carrier through the RPC and list it', async () => {
    const carrier = await h.bus.request(createCarrier, carrierInput(), { actor: dispatcher });
    const list = await h.bus.request(
      listCarriers,
      { depotId: FIXTURE.depotId },
      { actor: dispatcher },
    );
    expect(list.items).toContainEqual(carrier);
  });

  it('should answer a malformed payload with BAD_REQUEST naming the field, storing nothing', async () => {
    const before = await h.db.selectFrom('carriers').select('id').execute();
    const error = await h.bus
      .request(createCarrier, carrierInput({ homeDepotId: 'not-a-uuid' }), { actor: dispatcher })
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).code).toBe('BAD_REQUEST');
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual(['homeDepotId']);
    expect(await h.db.selectFrom('carriers').select('id').execute()).toHaveLength(before.length);
  });
});
