import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DbHandle } from '@anbu/db';
import { createMemoryBus } from '@anbu/bus/memory';
import { healthRpc, SYSTEM_ACTOR } from '@anbu/contracts';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';

import type { ToyDb } from './testing/toy-service.js';
import { createLogger } from './create-logger.js';
import { defineService } from './define-service.js';
import { ServiceStartError } from './errors.js';
import { startService } from './start-service.js';
import { addToy, toyService } from './testing/toy-service.js';

describe('createLogger', () => {
  it('should write JSON lines with the service and no personal data', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ service: 'households', destination });
    log.info(
      { household: { id: 'h1', name: '김영희', address: '익산시 ...', contact: { phone: '010' } } },
      'registered',
    );
    await sleep(10);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line['service']).toBe('households');
    expect(line['msg']).toBe('registered');
    expect(line['level']).toBe('info');
    const text = lines.join('');
    expect(text).toContain('"id":"h1"');
    for (const secret of ['김영희', '익산시', '010']) expect(text).not.toContain(secret);
  });
});

describe('startService (embedded: PGlite + memory bus)', () => {
  const log = createTestLogger();
  let db: DbHandle;

  beforeAll(async () => {
    db = await createDb({ dataDir: 'memory://', log });
  });

  afterAll(async () => {
    await db.close();
  });

  it('should migrate, serve health and RPCs, and publish enqueued events to consumers', async () => {
    const bus = createMemoryBus({ log });
    const seen: string[] = [];
    const running = await startService(toyService(seen), {
      db,
      bus,
      log,
      instanceId: 'care-1',
      outboxPollMs: 50,
    });
    const health = await bus.request(healthRpc.care, {}, { actor: SYSTEM_ACTOR });
    const { id } = await bus.request(addToy, { label: 'bear' }, { actor: SYSTEM_ACTOR });
    const deadline = Date.now() + 5_000;
    while (!seen.includes(id) && Date.now() < deadline) await sleep(10);
    await running.stop();
    await bus.close();
    expect(health).toMatchObject({
      service: 'care',
      status: 'ok',
      instanceId: 'care-1',
      version: '1.2.3',
      checks: { db: 'ok' },
    });
    expect(seen).toEqual([id]);
    const rows = await db.forSchema<ToyDb>('care').selectFrom('toy').select('label').execute();
    expect(rows).toContainEqual({ label: 'bear' });
  });

  it.each([
    ['a standalone process (service already bound)', { service: 'care', instanceId: 'care-1' }],
    ['the embedded process', { process: 'embedded' }],
  ] as const)('should log each key once under %s', async (_label, names) => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const parent = createLogger({ ...names, level: 'debug', destination });
    const bus = createMemoryBus({ log });
    const running = await startService(toyService([]), {
      db,
      bus,
      log: parent,
      instanceId: 'care-1',
      outboxPollMs: 50,
    });
    await running.stop();
    await bus.close();
    await sleep(10);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.match(/"service":/g)).toHaveLength(1);
      expect(line.match(/"instanceId":/g)).toHaveLength(1);
      expect(JSON.parse(line)).toMatchObject({ service: 'care', instanceId: 'care-1' });
    }
  });

  it('should let an in-flight RPC finish when stopped, then stop answering', async () => {
    const bus = createMemoryBus({ log });
    const running = await startService(toyService([]), { db, bus, log });
    const call = bus.request(addToy, { label: 'slow', holdMs: 300 }, { actor: SYSTEM_ACTOR });
    await sleep(50);
    await running.stop();
    await expect(call).resolves.toMatchObject({ id: expect.any(String) as unknown });
    await expect(
      bus.request(healthRpc.care, {}, { actor: SYSTEM_ACTOR, timeoutMs: 200 }),
    ).rejects.toThrow(/no service replica/);
    await bus.close();
  });

  it('should refuse to start when a migration fails', async () => {
    const bus = createMemoryBus({ log });
    const broken = defineService({
      name: 'dispatch',
      migrations: {
        '2025-01-01T00-00-00_broken': {
          async up() {
            await Promise.reject(new Error('bad migration'));
          },
        },
      },
      start: async () => Promise.resolve({}),
    });
    await expect(startService(broken, { db, bus, log })).rejects.toBeInstanceOf(ServiceStartError);
    await bus.close();
  });
});
