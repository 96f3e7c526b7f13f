import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Bus } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { healthRpc, SYSTEM_ACTOR } from '@anbu/contracts';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import { addToy } from './testing/toy-service.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const servers = hasNatsServer() && hasPostgres();

interface Child {
  readonly process: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function startToy(env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@anbu/source', 'src/testing/toy-main.ts'],
    { cwd: packageDir, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: 'pipe' },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { process: child, output: () => output, exited };
}

describe.skipIf(!servers)('runStandalone as a process', () => {
  const log = createTestLogger();
  let nats: NatsServer;
  let postgres: PostgresServer;
  let caller: Bus;

  beforeAll(async () => {
    [nats, postgres] = await Promise.all([startNatsServer({ jetstream: true }), startPostgres()]);
    caller = await createNatsBus({ servers: nats.url, log, name: 'caller' });
  });

  afterAll(async () => {
    await caller.close();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should drain on SIGTERM: the in-flight call is answered, then the process exits 0', async () => {
    const toy = startToy({
      DATABASE_URL: postgres.url,
      NATS_URL: nats.url,
      ANBU_INSTANCE_ID: 'toy-process',
    });
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const health = await caller
          .request(healthRpc.care, {}, { actor: SYSTEM_ACTOR, timeoutMs: 1_000 })
          .catch(() => undefined);
        if (health?.instanceId === 'toy-process') break;
        if (Date.now() > deadline) throw new Error(`toy never became healthy:\n${toy.output()}`);
        await sleep(200);
      }
      const call = caller.request(
        addToy,
        { label: 'in flight', holdMs: 1_000 },
        { actor: SYSTEM_ACTOR, timeoutMs: 10_000 },
      );
      await sleep(200);
      toy.process.kill('SIGTERM');
      await expect(call).resolves.toMatchObject({ id: expect.any(String) as unknown });
      expect(await toy.exited).toBe(0);
      expect(toy.output()).toContain('"msg":"draining"');
      expect(toy.output()).toContain('"msg":"stopped"');
    } finally {
      toy.process.kill('SIGKILL');
    }
  });

  it('should exit 1 with a fatal line naming the variable when the environment is invalid', async () => {
    const toy = startToy({ DATABASE_URL: postgres.url });
    expect(await toy.exited).toBe(1);
    expect(toy.output()).toContain('"level":"fatal"');
    expect(toy.output()).toContain('NATS_URL');
  });
});
