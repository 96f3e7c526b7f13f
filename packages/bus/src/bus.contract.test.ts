import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { Envelope } from '@anbu/contracts';
import type { TestLogger } from '@anbu/db/testing';
import { defineEvent, defineRpc, SYSTEM_ACTOR } from '@anbu/contracts';
import { createTestLogger } from '@anbu/db/testing';

import type { Bus, DeliveryInfo } from './bus.js';
import { handle, on } from './bus.js';
import {
  InvalidEventError,
  RpcError,
  RpcNoRespondersError,
  RpcRemoteError,
  RpcTimeoutError,
} from './errors.js';
import { createMemoryBus } from './memory/index.js';
import { natsImplementation } from './testing/bus-implementations.js';

const pinged = defineEvent({
  service: 'care',
  entity: 'contract',
  event: 'pinged',
  version: 1,
  data: z.object({ run: z.string(), n: z.number().int() }),
});

const echo = defineRpc({
  service: 'care',
  method: 'contractEcho',
  input: z.object({ text: z.string().min(1), delayMs: z.number().int().default(0) }),
  output: z.object({ text: z.string(), servedBy: z.string() }),
});

const failing = defineRpc({
  service: 'care',
  method: 'contractFailing',
  input: z.object({ kind: z.enum(['not_found', 'crash']) }),
  output: z.object({}),
});

const unserved = defineRpc({
  service: 'dispatch',
  method: 'contractNobodyHome',
  input: z.object({}),
  output: z.object({}),
});

function ping(run: string, n: number): Envelope<typeof pinged.type, { run: string; n: number }> {
  return {
    id: randomUUID(),
    type: pinged.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    data: { run, n },
  };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

const nats = natsImplementation();
const implementations = [
  {
    name: 'memory',
    // In-process replicas share the one bus of their process.
    create: async (log: TestLogger) => {
      const bus = createMemoryBus({ log, retryBaseMs: 20 });
      return Promise.resolve({ bus, other: bus });
    },
  },
  ...nats.implementations,
];

afterAll(async () => {
  await nats.cleanup();
});

for (const impl of implementations) {
  describe(`Bus contract: ${impl.name}`, () => {
    const log = createTestLogger();
    let bus: Bus;
    let other: Bus;

    beforeAll(async () => {
      ({ bus, other } = await impl.create(log));
    });

    afterAll(async () => {
      await other.close();
      await bus.close();
    });

    it('should deliver a published event, parsed, to a durable consumer', async () => {
      const run = randomUUID();
      const seen: { n: number; delivery: DeliveryInfo }[] = [];
      const consumer = await bus.consume({
        durable: `contract_basic_${run.slice(0, 8)}`,
        routes: [
          on(pinged, async (event, delivery) => {
            if (event.data.run === run) seen.push({ n: event.data.n, delivery });
            return Promise.resolve();
          }),
        ],
      });
      await bus.publish(pinged.subject, ping(run, 1));
      await until(() => seen.length === 1);
      await consumer.stop();
      expect(seen[0]?.n).toBe(1);
      expect(seen[0]?.delivery.attempt).toBe(1);
    });

    it('should drop a second publish of the same event id within the dedupe window', async () => {
      const run = randomUUID();
      const event = ping(run, 1);
      await bus.publish(pinged.subject, event);
      await bus.publish(pinged.subject, event);
      await bus.publish(pinged.subject, ping(run, 2));
      const seen: number[] = [];
      const consumer = await bus.consume({
        durable: `contract_dedupe_${run.slice(0, 8)}`,
        routes: [
          on(pinged, async (e) => {
            if (e.data.run === run) seen.push(e.data.n);
            return Promise.resolve();
          }),
        ],
      });
      await until(() => seen.length >= 2);
      await sleep(200);
      await consumer.stop();
      expect(seen.sort()).toEqual([1, 2]);
    });

    it('should redeliver an event whose handler threw, with a higher attempt count', async () => {
      const run = randomUUID();
      const attempts: number[] = [];
      const consumer = await bus.consume({
        durable: `contract_retry_${run.slice(0, 8)}`,
        routes: [
          on(pinged, async (e, delivery) => {
            if (e.data.run !== run) return;
            attempts.push(delivery.attempt);
            if (delivery.attempt < 3) throw new Error('transient');
            return Promise.resolve();
          }),
        ],
      });
      await bus.publish(pinged.subject, ping(run, 1));
      await until(() => attempts.length === 3);
      await sleep(200);
      await consumer.stop();
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('should give up on an event after maxDeliver attempts', async () => {
      const run = randomUUID();
      let attempts = 0;
      const consumer = await bus.consume({
        durable: `contract_give_up_${run.slice(0, 8)}`,
        maxDeliver: 2,
        routes: [
          on(pinged, async (e) => {
            if (e.data.run !== run) return;
            attempts++;
            await Promise.reject(new Error('always fails'));
          }),
        ],
      });
      await bus.publish(pinged.subject, ping(run, 1));
      await until(() => attempts === 2);
      await sleep(1_500);
      await consumer.stop();
      expect(attempts).toBe(2);
    });

    it('should share one durable between replicas, each event handled by exactly one', async () => {
      const run = randomUUID();
      const durable = `contract_shared_${run.slice(0, 8)}`;
      const byReplica = { a: [] as number[], b: [] as number[] };
      const replica = (name: 'a' | 'b', on_bus: Bus) =>
        on_bus.consume({
          durable,
          concurrency: 1,
          routes: [
            on(pinged, async (e) => {
              if (e.data.run !== run) return;
              byReplica[name].push(e.data.n);
              await sleep(5);
            }),
          ],
        });
      const consumers = await Promise.all([replica('a', bus), replica('b', other)]);
      for (let n = 0; n < 40; n++) await bus.publish(pinged.subject, ping(run, n));
      await until(() => byReplica.a.length + byReplica.b.length >= 40);
      await sleep(200);
      await Promise.all(consumers.map((c) => c.stop()));
      const all = [...byReplica.a, ...byReplica.b].sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: 40 }, (_, n) => n));
      expect(byReplica.a.length).toBeGreaterThan(0);
      expect(byReplica.b.length).toBeGreaterThan(0);
    });

    it('should give every durable its own copy, including events published before it existed', async () => {
      const run = randomUUID();
      await bus.publish(pinged.subject, ping(run, 1));
      const first: number[] = [];
      const second: number[] = [];
      const consumers = await Promise.all(
        [first, second].map((sink, i) =>
          bus.consume({
            durable: `contract_fanout_${i}_${run.slice(0, 8)}`,
            routes: [
              on(pinged, async (e) => {
                if (e.data.run === run) sink.push(e.data.n);
                return Promise.resolve();
              }),
            ],
          }),
        ),
      );
      await bus.publish(pinged.subject, ping(run, 2));
      await until(() => first.length === 2 && second.length === 2);
      await Promise.all(consumers.map((c) => c.stop()));
      expect(first.sort()).toEqual([1, 2]);
      expect(second.sort()).toEqual([1, 2]);
    });

    it('should terminate an event that fails its schema, log why, and keep consuming', async () => {
      const run = randomUUID();
      const seen: number[] = [];
      const consumer = await bus.consume({
        durable: `contract_invalid_${run.slice(0, 8)}`,
        routes: [
          on(pinged, async (e) => {
            if (e.data.run === run) seen.push(e.data.n);
            return Promise.resolve();
          }),
        ],
      });
      const bad = { ...ping(run, 1), data: { run, n: 'one' } };
      await bus.publish(pinged.subject, bad);
      await bus.publish(pinged.subject, ping(run, 2));
      await until(() => seen.length === 1);
      const namesField = (reason: unknown) =>
        typeof reason === 'string' && reason.includes('data.n');
      await until(() => log.lines.some((l) => namesField(l.fields['reason'])));
      await sleep(300);
      await consumer.stop();
      expect(seen).toEqual([2]);
    });

    it('should refuse to publish an envelope whose type does not match the subject', async () => {
      await expect(bus.publish('anbu.care.contract.other', ping('x', 1))).rejects.toBeInstanceOf(
        InvalidEventError,
      );
    });

    it('should answer an RPC through the schemas and share calls between replicas', async () => {
      const servers = await Promise.all(
        [
          ['one', bus],
          ['two', other],
        ].map(([name, b]) =>
          (b as Bus).serve([
            handle(echo, async (input) => {
              await sleep(input.delayMs);
              return { text: input.text.toUpperCase(), servedBy: name as string };
            }),
          ]),
        ),
      );
      const replies = await Promise.all(
        Array.from({ length: 20 }, () =>
          bus.request(echo, { text: 'hi' }, { actor: SYSTEM_ACTOR }),
        ),
      );
      await Promise.all(servers.map((s) => s.stop()));
      expect(replies.every((r) => r.text === 'HI')).toBe(true);
      expect(new Set(replies.map((r) => r.servedBy))).toEqual(new Set(['one', 'two']));
    });

    it('should answer BAD_REQUEST naming the field, without running the handler', async () => {
      let ran = false;
      const server = await bus.serve([
        handle(echo, async (input) => {
          ran = true;
          return Promise.resolve({ text: input.text, servedBy: 'x' });
        }),
      ]);
      const error: unknown = await bus
        .request(echo, { text: '' }, { actor: SYSTEM_ACTOR })
        .catch((e: unknown) => e);
      await server.stop();
      expect(error).toBeInstanceOf(RpcRemoteError);
      expect((error as RpcRemoteError).code).toBe('BAD_REQUEST');
      expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual(['text']);
      expect(ran).toBe(false);
    });

    it('should pass a typed RpcError through and hide other errors as INTERNAL', async () => {
      const server = await bus.serve([
        handle(failing, async (input) => {
          await Promise.resolve();
          if (input.kind === 'not_found') throw new RpcError('NOT_FOUND', 'no such thing');
          throw new Error('secret stack detail');
        }),
      ]);
      const notFound: unknown = await bus
        .request(failing, { kind: 'not_found' }, { actor: SYSTEM_ACTOR })
        .catch((e: unknown) => e);
      const crash: unknown = await bus
        .request(failing, { kind: 'crash' }, { actor: SYSTEM_ACTOR })
        .catch((e: unknown) => e);
      await server.stop();
      expect((notFound as RpcRemoteError).code).toBe('NOT_FOUND');
      expect((crash as RpcRemoteError).code).toBe('INTERNAL');
      expect((crash as RpcRemoteError).message).not.toContain('secret');
      expect(log.lines.some((l) => l.level === 'error' && l.msg === 'rpc handler failed')).toBe(
        true,
      );
    });

    it('should fail fast with RpcNoRespondersError when no replica serves the method', async () => {
      const started = Date.now();
      await expect(
        bus.request(unserved, {}, { actor: SYSTEM_ACTOR, timeoutMs: 3_000 }),
      ).rejects.toBeInstanceOf(RpcNoRespondersError);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('should reject with RpcTimeoutError naming the subject when the reply is late', async () => {
      const server = await bus.serve([
        handle(echo, async (input) => {
          await sleep(input.delayMs);
          return { text: input.text, servedBy: 'slow' };
        }),
      ]);
      const error: unknown = await bus
        .request(echo, { text: 'x', delayMs: 500 }, { actor: SYSTEM_ACTOR, timeoutMs: 100 })
        .catch((e: unknown) => e);
      await server.stop();
      expect(error).toBeInstanceOf(RpcTimeoutError);
      expect((error as RpcTimeoutError).message).toContain(echo.subject);
    });

    it('should let an in-flight handler finish when its server stops', async () => {
      let finished = false;
      const server = await other.serve([
        handle(echo, async (input) => {
          await sleep(input.delayMs);
          finished = true;
          return { text: input.text, servedBy: 'draining' };
        }),
      ]);
      const call = bus.request(echo, { text: 'x', delayMs: 300 }, { actor: SYSTEM_ACTOR });
      await sleep(50);
      await server.stop();
      expect(finished).toBe(true);
      await expect(call).resolves.toEqual({ text: 'x', servedBy: 'draining' });
    });
  });
}
