import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Bus } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { getPlan, listOrders, startPlanningRun } from '@anbu/contracts/rpc';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { DispatchHarness } from '../testing/harness.js';
import { dispatcher, startDispatch } from '../testing/harness.js';
import { generateCity, seedCity, serveNeighbours, watchRun } from '../testing/planning-fixture.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A dispatch replica in its own Node process (source through the tsx loader, no tsx CLI wrapper
 * in between, so the signal reaches the replica itself), so that it can be SIGKILLed.
 */
function spawnReplica(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', '--conditions=@anbu/source', 'src/main.ts'], {
    cwd: packageDir,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe.skipIf(!servers)('planning across dispatch replicas on PostgreSQL and NATS', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let client: Bus;
  let replicaA: ChildProcess | undefined;
  let replicaB: DispatchHarness | undefined;

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    client = await createNatsBus({ servers: nats.url, log: createTestLogger(), name: 'client' });
  });

  afterAll(async () => {
    replicaA?.kill('SIGKILL');
    await replicaB?.[Symbol.asyncDispose]();
    await client.close();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should complete a run on the other replica when the one running it is killed', async () => {
    replicaA = spawnReplica({
      DATABASE_URL: postgres.url,
      NATS_URL: nats.url,
      ANBU_INSTANCE_ID: 'replica-a',
    });
    const city = generateCity({ orders: 50, carriers: 5, seed: 3 });
    await serveNeighbours(client, city);
    // Replica a is the only one up: wait until it answers, then it takes the run.
    for (;;) {
      const ready = await client
        .request(listOrders, { limit: 1 }, { actor: dispatcher, timeoutMs: 1_000 })
        .then(
          () => true,
          () => false,
        );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const orderIds = await seedCity(client, city);
    const run = await client.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 4 },
      { actor: dispatcher },
    );
    await watchRun(client, {
      runId: run.id,
      done: (r) => r.status === 'running' && r.progress.iterations > 0,
    });

    // Replica a dies mid-run without a word; replica b comes up and, once a's lease has run
    // out, takes the run over.
    replicaA.kill('SIGKILL');
    await once(replicaA, 'exit');
    const bus = await createNatsBus({ servers: nats.url, log: createTestLogger(), name: 'b' });
    replicaB = await startDispatch({ url: postgres.url, bus, instanceId: 'replica-b' });

    const seen = await watchRun(client, {
      runId: run.id,
      done: (r) => r.status !== 'running' && r.status !== 'queued',
      timeoutMs: 60_000,
    });
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ status: 'succeeded', attempts: 2 });
    const plan = await client.request(
      getPlan,
      { planId: last?.planId ?? '' },
      { actor: dispatcher },
    );
    const accounted = [
      ...plan.routes.flatMap((r) => r.stops.map((s) => s.orderId)),
      ...plan.unassigned.map((u) => u.orderId),
    ];
    expect(accounted.sort()).toEqual([...orderIds].sort());
    expect(plan.routes.length).toBeGreaterThan(0);
  }, 120_000);
});
