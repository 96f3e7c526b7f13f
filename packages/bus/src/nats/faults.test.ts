import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { Envelope } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import { defineEvent, defineRpc, SYSTEM_ACTOR } from '@anbu/contracts';
import { createDb, migrateToLatest, transaction } from '@anbu/db';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { Bus } from '../bus.js';
import type { OutboxDatabase } from '../outbox/tables.js';
import type { NatsServer } from '../testing/start-nats-server.js';
import { handle, on } from '../bus.js';
import { RpcNoRespondersError, RpcTimeoutError } from '../errors.js';
import { enqueue, outboxMigrations, withInbox } from '../outbox/index.js';
import { createOutboxRelay } from '../outbox/outbox-relay.js';
import { hasNatsServer, startNatsServer } from '../testing/start-nats-server.js';
import { createNatsBus } from './nats-bus.js';
import { streamName } from './streams.js';

const lotReceived = defineEvent({
  service: 'donations',
  entity: 'lot',
  event: 'fault_received',
  version: 1,
  data: z.object({ run: z.string(), n: z.number().int(), quantity: z.number().int().positive() }),
});

const register = defineRpc({
  service: 'households',
  method: 'faultRegister',
  input: z.object({ household: z.object({ size: z.number().int().positive() }) }),
  output: z.object({ ok: z.boolean() }),
});

const unserved = defineRpc({
  service: 'matching',
  method: 'faultNobody',
  input: z.object({}),
  output: z.object({}),
});

interface FaultDb extends OutboxDatabase {
  stock: { event_id: string; quantity: number };
}

function lot(run: string, n: number, quantity = 1): Envelope {
  return {
    id: randomUUID(),
    type: lotReceived.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    data: { run, n, quantity },
  };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

const servers = hasNatsServer() && hasPostgres();

describe.skipIf(!servers)('NATS bus under faults (real nats-server and PostgreSQL)', () => {
  const log = createTestLogger();
  let nats: NatsServer;
  let pg: PostgresServer;
  let handleDb: DbHandle;
  let db: Kysely<FaultDb>;
  let bus: Bus;
  let raw: NatsConnection;

  beforeAll(async () => {
    [nats, pg] = await Promise.all([startNatsServer({ jetstream: true }), startPostgres()]);
    handleDb = await createDb({ url: pg.url, log });
    db = handleDb.forSchema<FaultDb>('donations');
    const { error } = await migrateToLatest({
      db,
      schema: 'donations',
      migrations: {
        ...outboxMigrations,
        '2025-01-01T00-00-00_stock': {
          async up(k) {
            await k.schema
              .createTable('stock')
              .addColumn('event_id', 'uuid')
              .addColumn('quantity', 'integer')
              .execute();
          },
        },
      },
    });
    expect(error).toBeUndefined();
    bus = await createNatsBus({ servers: nats.url, log, retryBaseMs: 50 });
    raw = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await raw.close();
    await bus.close();
    await handleDb.close();
    await Promise.all([nats.stop(), pg.stop()]);
  });

  it('should deliver an outbox event once when the relay died after publishing, before marking', async () => {
    const run = randomUUID();
    const event = lot(run, 1);
    const jsm = await jetstreamManager(raw);
    const stored = async () => (await jsm.streams.info(streamName('donations'))).state.messages;
    const before = await stored();
    await transaction(db, (trx) => enqueue(trx, lotReceived.subject, event));
    // The relay's first life: it read the row and published it, then died before marking it.
    const row = await db
      .selectFrom('outbox')
      .select(['subject', 'envelope'])
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    await bus.publish(row.subject, row.envelope as Envelope);
    // Its second life finds the row unsent and publishes it again.
    const relay = createOutboxRelay({ db, bus, schema: 'donations', log });
    const report = await relay.tick();
    expect(report.results).toEqual([
      { id: event.id, subject: lotReceived.subject, status: 'published' },
    ]);

    const seen: string[] = [];
    const consumer = await bus.consume({
      durable: `fault_relay_${run.slice(0, 8)}`,
      routes: [
        on(lotReceived, (e) => Promise.resolve(void (e.data.run === run && seen.push(e.id)))),
      ],
    });
    await until(() => seen.length >= 1);
    await sleep(500);
    await consumer.stop();
    expect(seen).toEqual([event.id]);
    // Published twice, stored once: the broker dropped the second copy by its Nats-Msg-Id.
    expect(await stored()).toBe(before + 1);
    const unsent = await db
      .selectFrom('outbox')
      .select('id')
      .where('published_at', 'is', null)
      .execute();
    expect(unsent).toEqual([]);
  });

  it('should redeliver to a consumer that failed after its effect committed, and apply the effect once', async () => {
    const run = randomUUID();
    const event = lot(run, 1, 7);
    const outcomes: string[] = [];
    const consumer = await bus.consume({
      durable: `fault_inbox_${run.slice(0, 8)}`,
      routes: [
        on(lotReceived, async (e, delivery) => {
          if (e.data.run !== run) return;
          const outcome = await withInbox(
            db,
            { consumer: 'stock_keeper', eventId: e.id },
            async (trx) => {
              await trx
                .insertInto('stock')
                .values({ event_id: e.id, quantity: e.data.quantity })
                .execute();
            },
          );
          outcomes.push(`${delivery.attempt}:${outcome}`);
          // Crash between commit and ack: the broker redelivers, the inbox must absorb it.
          if (delivery.attempt === 1) throw new Error('crashed before ack');
        }),
      ],
    });
    await bus.publish(lotReceived.subject, event);
    await until(() => outcomes.length >= 2);
    await sleep(500);
    await consumer.stop();
    expect(outcomes).toEqual(['1:applied', '2:duplicate']);
    const stock = await db
      .selectFrom('stock')
      .select('quantity')
      .where('event_id', '=', event.id)
      .execute();
    expect(stock).toEqual([{ quantity: 7 }]);
  });

  it('should fail a request to a service with no replica quickly and clearly', async () => {
    const started = Date.now();
    const error: unknown = await bus
      .request(unserved, {}, { actor: SYSTEM_ACTOR, timeoutMs: 5_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcNoRespondersError);
    expect((error as Error).message).toContain(unserved.subject);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('should time out with RpcTimeoutError when the only replica hangs', async () => {
    const server = await bus.serve([
      handle(register, async () => {
        await sleep(800);
        return { ok: true };
      }),
    ]);
    const error: unknown = await bus
      .request(register, { household: { size: 2 } }, { actor: SYSTEM_ACTOR, timeoutMs: 300 })
      .catch((e: unknown) => e);
    await server.stop();
    expect(error).toBeInstanceOf(RpcTimeoutError);
    expect((error as Error).message).toContain(register.subject);
  });

  it('should answer a malformed RPC payload with BAD_REQUEST naming the field, never running the handler', async () => {
    let ran = 0;
    const server = await bus.serve([
      handle(register, async () => {
        ran++;
        return Promise.resolve({ ok: true });
      }),
    ]);
    const ask = async (payload: string) =>
      JSON.parse((await raw.request(register.subject, payload, { timeout: 2_000 })).string()) as {
        ok: boolean;
        error?: { code: string; issues?: { path: string }[] };
      };
    const badField = await ask(
      JSON.stringify({ input: { household: { size: 'two' } }, actor: SYSTEM_ACTOR }),
    );
    const noActor = await ask(JSON.stringify({ input: { household: { size: 2 } } }));
    const notJson = await ask('{nope');
    await server.stop();
    expect(badField.error?.code).toBe('BAD_REQUEST');
    expect(badField.error?.issues?.map((i) => i.path)).toEqual(['household.size']);
    expect(noActor.error?.code).toBe('BAD_REQUEST');
    expect(noActor.error?.issues?.map((i) => i.path)).toContain('actor');
    expect(notJson.error?.code).toBe('BAD_REQUEST');
    expect(ran).toBe(0);
  });

  it('should terminate malformed events with a logged reason and keep consuming', async () => {
    const run = randomUUID();
    const durable = `fault_malformed_${run.slice(0, 8)}`;
    const seen: number[] = [];
    const consumer = await bus.consume({
      durable,
      routes: [
        on(lotReceived, (e) => Promise.resolve(void (e.data.run === run && seen.push(e.data.n)))),
      ],
    });
    const js = jetstream(raw);
    // Written straight to the stream, past the publisher's checks, as a buggy producer would.
    await js.publish(lotReceived.subject, '{not json');
    await js.publish(
      lotReceived.subject,
      JSON.stringify({ ...lot(run, 1), data: { run, n: 1, quantity: -3 } }),
    );
    await bus.publish(lotReceived.subject, lot(run, 2));
    await until(() => seen.length === 1);
    await until(() =>
      log.lines.some(
        (l) =>
          l.msg === 'invalid event terminated' &&
          String(l.fields['reason']).includes('data.quantity'),
      ),
    );
    await until(async () => {
      const info = await (
        await jetstreamManager(raw)
      ).consumers.info(streamName('donations'), durable);
      return info.num_ack_pending === 0 && info.num_pending === 0;
    });
    await consumer.stop();
    expect(seen).toEqual([2]);
    expect(
      log.lines.some(
        (l) =>
          l.msg === 'invalid event terminated' && String(l.fields['reason']).includes('not JSON'),
      ),
    ).toBe(true);
  });

  it('should keep a running consumer consuming across a nats-server kill -9 and restart', async () => {
    const run = randomUUID();
    const received = new Set<number>();
    const consumer = await bus.consume({
      durable: `fault_survivor_${run.slice(0, 8)}`,
      routes: [
        on(lotReceived, (e) =>
          Promise.resolve(void (e.data.run === run && received.add(e.data.n))),
        ),
      ],
    });
    await bus.publish(lotReceived.subject, lot(run, 1));
    await until(() => received.has(1));
    await nats.kill9();
    await nats.restart();
    // The publisher's connection reconnects on its own; retry until the server takes the event.
    await until(async () => {
      try {
        await bus.publish(lotReceived.subject, lot(run, 2));
        return true;
      } catch {
        return false;
      }
    }, 20_000);
    await until(() => received.has(2), 60_000);
    await consumer.stop();
    expect([...received].sort()).toEqual([1, 2]);
  });

  it('should notice missed heartbeats while nats-server hangs, recreate the consumer and go on', async () => {
    const run = randomUUID();
    const received = new Set<number>();
    const watcher = await createNatsBus({ servers: nats.url, log, pullExpiresMs: 1_000 });
    const consumer = await watcher.consume({
      durable: `fault_heartbeat_${run.slice(0, 8)}`,
      routes: [
        on(lotReceived, (e) =>
          Promise.resolve(void (e.data.run === run && received.add(e.data.n))),
        ),
      ],
    });
    await bus.publish(lotReceived.subject, lot(run, 1));
    await until(() => received.has(1));
    const missedBefore = log.lines.filter((l) => l.msg === 'heartbeats missed; recreating').length;
    nats.pause();
    try {
      await until(
        () =>
          log.lines.filter((l) => l.msg === 'heartbeats missed; recreating').length > missedBefore,
        10_000,
      );
    } finally {
      nats.resume();
    }
    await bus.publish(lotReceived.subject, lot(run, 2));
    await until(() => received.has(2), 30_000);
    await consumer.stop();
    await watcher.close();
    expect([...received].sort()).toEqual([1, 2]);
  });

  it('should lose no acknowledged event when nats-server is killed -9 and restarted mid-stream', async () => {
    const run = randomUUID();
    const acked = new Set<string>();
    let failed = 0;
    const publisher = await createNatsBus({ servers: nats.url, log });
    const total = 300;
    const publishing = (async () => {
      for (let n = 0; n < total; n += 10) {
        await Promise.all(
          Array.from({ length: 10 }, async (_, i) => {
            const event = lot(run, n + i);
            try {
              await publisher.publish(lotReceived.subject, event);
              acked.add(event.id);
            } catch {
              failed++;
            }
          }),
        );
      }
    })();
    await until(() => acked.size >= 100);
    await nats.kill9();
    await nats.restart();
    await publishing;
    console.info(`restart test: ${acked.size} acknowledged, ${failed} failed during the outage`);
    expect(acked.size).toBeGreaterThanOrEqual(100);
    expect(acked.size + failed).toBe(total);

    const received = new Map<string, number>();
    const consumer = await bus.consume({
      durable: `fault_restart_${run.slice(0, 8)}`,
      concurrency: 32,
      routes: [
        on(lotReceived, (e) => {
          if (e.data.run === run) received.set(e.id, (received.get(e.id) ?? 0) + 1);
          return Promise.resolve();
        }),
      ],
    });
    await until(() => [...acked].every((id) => received.has(id)), 30_000);
    await sleep(300);
    await consumer.stop();
    await publisher.close();
    const missing = [...acked].filter((id) => !received.has(id));
    expect(missing).toEqual([]);
    expect([...received.values()].every((count) => count === 1)).toBe(true);
  });
});
