import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Bus } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { Health } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { healthRpc, SYSTEM_ACTOR } from '@anbu/contracts';
import { createDb } from '@anbu/db';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { RunningService } from './start-service.js';
import { startService } from './start-service.js';
import { addToy, toyService } from './testing/toy-service.js';

const servers = hasNatsServer() && hasPostgres();

describe.skipIf(!servers)('two replicas of a service on NATS and PostgreSQL', () => {
  const log = createTestLogger();
  let nats: NatsServer;
  let postgres: PostgresServer;
  const buses: Bus[] = [];
  const dbs: DbHandle[] = [];
  const replicas: RunningService[] = [];
  const seen: string[] = [];
  const servedBy: string[] = [];
  let caller: Bus;

  beforeAll(async () => {
    [nats, postgres] = await Promise.all([startNatsServer({ jetstream: true }), startPostgres()]);
    for (const instanceId of ['care-a', 'care-b']) {
      const bus = await createNatsBus({ servers: nats.url, log, name: instanceId });
      const db = await createDb({ url: postgres.url, log });
      buses.push(bus);
      dbs.push(db);
    }
    // Both replicas start at once: migrations must cope (Kysely's lock on PostgreSQL).
    replicas.push(
      ...(await Promise.all(
        ['care-a', 'care-b'].map((instanceId, i) =>
          startService(toyService(seen, servedBy), {
            db: dbs[i]!,
            bus: buses[i]!,
            log,
            instanceId,
            outboxPollMs: 50,
          }),
        ),
      )),
    );
    caller = await createNatsBus({ servers: nats.url, log, name: 'caller' });
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await caller.close();
    await Promise.all(buses.map((b) => b.close()));
    await Promise.all(dbs.map((d) => d.close()));
    await nats.stop();
    await postgres.stop();
  });

  it('should share RPC calls between the replicas and have both answer health', async () => {
    const healths: Health[] = [];
    for (let i = 0; i < 20; i++) {
      healths.push(await caller.request(healthRpc.care, {}, { actor: SYSTEM_ACTOR }));
    }
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        caller.request(addToy, { label: `toy ${i}` }, { actor: SYSTEM_ACTOR }),
      ),
    );
    expect(new Set(healths.map((h) => h.instanceId))).toEqual(new Set(['care-a', 'care-b']));
    expect(healths.every((h) => h.status === 'ok' && h.checks['db'] === 'ok')).toBe(true);
    expect(new Set(servedBy)).toEqual(new Set(['care-a', 'care-b']));
    // The consumer durable is shared too: every event reaches exactly one replica, once.
    const deadline = Date.now() + 10_000;
    while (seen.length < ids.length && Date.now() < deadline) await sleep(20);
    await sleep(300);
    expect([...seen].sort()).toEqual(ids.map((r) => r.id).sort());
  });

  it('should finish in-flight calls when a replica stops, and the other keeps serving', async () => {
    const calls = Array.from({ length: 6 }, (_, i) =>
      caller.request(addToy, { label: `slow ${i}`, holdMs: 400 }, { actor: SYSTEM_ACTOR }),
    );
    await sleep(100);
    const [first] = replicas.splice(0, 1);
    await first!.stop();
    const results = await Promise.allSettled(calls);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    for (let i = 0; i < 5; i++) {
      const health = await caller.request(healthRpc.care, {}, { actor: SYSTEM_ACTOR });
      expect(health.instanceId).toBe('care-b');
    }
  });
});
