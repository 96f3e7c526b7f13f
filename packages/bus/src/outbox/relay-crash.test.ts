import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import { createDb, transaction } from '@anbu/db';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { Bus } from '../bus.js';
import type { FaultDatabase } from '../testing/fault-events.js';
import type { NatsServer } from '../testing/start-nats-server.js';
import { on } from '../bus.js';
import { createNatsBus } from '../nats/nats-bus.js';
import { streamName } from '../nats/streams.js';
import {
  FAULT_SCHEMA,
  faultEnvelope,
  faultEvent,
  migrateFaultSchema,
} from '../testing/fault-events.js';
import {
  duplicatesIn,
  faultScale,
  faultTimeout,
  reportFigures,
  seededRandom,
  startFaultWorker,
  storedIds,
  until,
} from '../testing/fault-kit.js';
import { hasNatsServer, startNatsServer } from '../testing/start-nats-server.js';
import { enqueue } from './enqueue.js';
import { createOutboxRelay } from './outbox-relay.js';
import { withInbox } from './with-inbox.js';

const scale = faultScale();
const STREAM = streamName('donations');
const BATCH = 50;
/** The short duplicate window of the broker used to restart the relay past it. */
const SHORT_WINDOW_MS = 1_000;

/** One broker with its bus and a raw connection for reading the stream back. */
interface Broker {
  readonly server: NatsServer;
  readonly bus: Bus;
  readonly raw: NatsConnection;
  readonly windowMs: number;
}

const servers = hasNatsServer() && hasPostgres();

/** How many distinct events a consumer has applied. */
async function distinctEffects(db: Kysely<FaultDatabase>, consumer: string): Promise<number> {
  const row = await db
    .selectFrom('fault_effect')
    .select((eb) => eb.fn.count<string>('event_id').distinct().as('n'))
    .where('consumer', '=', consumer)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.skipIf(!servers)('outbox relay under faults (faults 2 and 7)', () => {
  const log = createTestLogger();
  let pg: PostgresServer;
  let handle: DbHandle;
  let db: Kysely<FaultDatabase>;
  const brokers: Broker[] = [];

  async function startBroker(windowMs: number): Promise<Broker> {
    const server = await startNatsServer({ jetstream: true });
    const bus = await createNatsBus({
      servers: server.url,
      log,
      duplicateWindowMs: windowMs,
      retryBaseMs: 50,
    });
    const raw = await connect({ servers: server.url });
    const broker = { server, bus, raw, windowMs };
    brokers.push(broker);
    return broker;
  }

  beforeAll(async () => {
    pg = await startPostgres();
    handle = await createDb({ url: pg.url, log, poolSize: 30 });
    db = handle.forSchema<FaultDatabase>(FAULT_SCHEMA);
    await migrateFaultSchema(db);
  });

  afterAll(async () => {
    for (const broker of brokers) {
      await broker.raw.close();
      await broker.bus.close();
      await broker.server.stop();
    }
    await handle.close();
    await pg.stop();
  });

  async function reset(broker: Broker): Promise<void> {
    await sql`truncate outbox, inbox, fault_effect`.execute(db);
    await (await jetstreamManager(broker.raw)).streams.purge(STREAM);
  }

  const unsentIds = async () =>
    (await db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()).map(
      (r) => r.id,
    );

  /** Applies every event through the inbox; returns the effect rows per event id. */
  async function applyAll(broker: Broker, durable: string, expected: number) {
    let redelivered = 0;
    let skipped = 0;
    const consumer = await broker.bus.consume({
      durable,
      concurrency: 16,
      routes: [
        on(faultEvent, async (event) => {
          const outcome = await withInbox(db, { consumer: durable, eventId: event.id }, (trx) =>
            trx
              .insertInto('fault_effect')
              .values({ event_id: event.id, consumer: durable, run: event.data.run })
              .execute()
              .then(() => undefined),
          );
          if (outcome === 'duplicate') skipped++;
        }),
      ],
    });
    const jsm = await jetstreamManager(broker.raw);
    // Every effect first (the broker's counters can read zero while a nak'd message waits for
    // its redelivery); a real loss times out here and shows in the figures, not as a throw.
    await until(async () => (await distinctEffects(db, durable)) >= expected, {
      timeoutMs: 60_000,
    }).catch(() => undefined);
    await until(
      async () => {
        const info = await jsm.consumers.info(STREAM, durable);
        redelivered = info.num_redelivered;
        return (
          info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq > 0
        );
      },
      { timeoutMs: 60_000, what: `${expected} events consumed` },
    );
    await consumer.stop();
    const rows = await db
      .selectFrom('fault_effect')
      .select('event_id')
      .where('consumer', '=', durable)
      .execute();
    const effects = new Map<string, number>();
    for (const row of rows) effects.set(row.event_id, (effects.get(row.event_id) ?? 0) + 1);
    return { effects, redelivered, skipped };
  }

  async function relayCrashRun(broker: Broker, seed: number) {
    const random = seededRandom(seed);
    await reset(broker);
    const run = `relay-${seed}-${broker.windowMs}`;
    const count = scale.pick(200, 1_000);
    const events = Array.from({ length: count }, (_, n) => faultEnvelope(run, n));
    for (let i = 0; i < events.length; i += 100) {
      await transaction(db, async (trx) => {
        for (const event of events.slice(i, i + 100)) {
          await enqueue(trx, faultEvent.subject, event);
        }
      });
    }
    // Freeze after a random publish inside the first batch: published, not marked sent.
    const pauseAfter = 1 + Math.floor(random() * (BATCH - 1));
    const worker = startFaultWorker({
      mode: 'relay',
      natsUrl: broker.server.url,
      dbUrl: pg.url,
      duplicateWindowMs: broker.windowMs,
      batchSize: BATCH,
      pauseAfter,
    });
    await worker.waitFor((line) => line === 'paused');
    await worker.kill9();
    const publishedBeforeKill = worker.lines
      .filter((l) => l.startsWith('published '))
      .map((l) => l.slice('published '.length));
    const unsent = new Set(await unsentIds());
    const unmarked = publishedBeforeKill.filter((id) => unsent.has(id)).length;
    // Past the window the broker no longer remembers the ids: it stores the copies.
    if (broker.windowMs === SHORT_WINDOW_MS) await sleep(broker.windowMs + 500);
    const relay = createOutboxRelay({ db, bus: broker.bus, schema: FAULT_SCHEMA, log });
    await until(async () => (await relay.tick(), (await unsentIds()).length === 0), {
      what: 'outbox drained after restart',
    });
    const stored = await storedIds(broker.raw, STREAM, faultEvent.subject);
    const { effects, redelivered, skipped } = await applyAll(
      broker,
      `relay_${seed}_${broker.windowMs}`,
      count,
    );
    return {
      events: count,
      pauseAfter,
      unmarked,
      lostInStream: events.filter((e) => !stored.has(e.id)).length,
      doubledInStream: duplicatesIn(stored),
      lostEffects: events.filter((e) => !effects.has(e.id)).length,
      doubledEffects: duplicatesIn(effects),
      redelivered,
      inboxSkipped: skipped,
    };
  }

  it(
    `should publish every event once after the relay is killed between publish and mark-sent (${scale.runs} run(s))`,
    async () => {
      const broker = await startBroker(120_000);
      const totals = {
        runs: 0,
        kills: 0,
        unmarked: 0,
        lost: 0,
        doubledInStream: 0,
        doubledEffects: 0,
      };
      for (let run = 0; run < scale.runs; run++) {
        const figures = await relayCrashRun(broker, 2_000 + run);
        reportFigures(`fault 2 relay kill -9, window 120 s (seed ${2_000 + run})`, figures);
        totals.runs++;
        totals.kills++;
        totals.unmarked += figures.unmarked;
        totals.lost += figures.lostInStream + figures.lostEffects;
        totals.doubledInStream += figures.doubledInStream;
        totals.doubledEffects += figures.doubledEffects;
      }
      reportFigures('fault 2 totals (within the duplicate window)', totals);
      // The kill really fell between publish and mark-sent.
      expect(totals.unmarked).toBeGreaterThanOrEqual(totals.runs);
      expect(totals.lost).toBe(0);
      expect(totals.doubledInStream).toBe(0);
      expect(totals.doubledEffects).toBe(0);
    },
    faultTimeout(scale, 60_000),
  );

  it(
    `should keep each effect at one when the relay restarts past the duplicate window (${scale.runs} run(s))`,
    async () => {
      const broker = await startBroker(SHORT_WINDOW_MS);
      const totals = {
        runs: 0,
        kills: 0,
        unmarked: 0,
        lost: 0,
        doubledInStream: 0,
        doubledEffects: 0,
        inboxSkipped: 0,
      };
      for (let run = 0; run < scale.runs; run++) {
        const figures = await relayCrashRun(broker, 3_000 + run);
        reportFigures(
          `fault 2 relay kill -9, restart past the 1 s window (seed ${3_000 + run})`,
          figures,
        );
        totals.runs++;
        totals.kills++;
        totals.unmarked += figures.unmarked;
        totals.lost += figures.lostInStream + figures.lostEffects;
        totals.doubledInStream += figures.doubledInStream;
        totals.doubledEffects += figures.doubledEffects;
        totals.inboxSkipped += figures.inboxSkipped;
      }
      reportFigures('fault 2 totals (past the duplicate window)', totals);
      // The stream did get the copies (the broker could not drop them) ...
      // (Fewer than all when the broker's dedupe sweep had not yet forgotten an id.)
      expect(totals.doubledInStream).toBeLessThanOrEqual(totals.unmarked);
      expect(totals.doubledInStream).toBeGreaterThan(0);
      // ... and the inbox still applied each event once, skipping every copy.
      expect(totals.lost).toBe(0);
      expect(totals.doubledEffects).toBe(0);
      expect(totals.inboxSkipped).toBe(totals.doubledInStream);
    },
    faultTimeout(scale, 60_000),
  );

  it(
    `should publish every row that 20 concurrent writers commit, skipping none (fault 7, ${scale.runs} run(s))`,
    async () => {
      const broker = brokers[0] ?? (await startBroker(120_000));
      const target = scale.pick(2_000, 10_000);
      const totals = { runs: 0, rows: 0, lost: 0, extra: 0, doubledInStream: 0 };
      for (let run = 0; run < scale.runs; run++) {
        const seed = 7_000 + run;
        const random = seededRandom(seed);
        await reset(broker);
        const runId = `writers-${seed}`;
        // Two relay replicas poll while the writers commit, out of seq order.
        const relays = [0, 1].map(() =>
          createOutboxRelay({ db, bus: broker.bus, schema: FAULT_SCHEMA, log, pollMs: 10 }),
        );
        for (const relay of relays) relay.start();
        const written: string[] = [];
        let claimed = 0;
        const writer = async () => {
          while (claimed < target) {
            const size = Math.min(target - claimed, 1 + Math.floor(random() * 20));
            claimed += size;
            const pauses = Array.from({ length: size }, () => Math.floor(random() * 15));
            const ids = await transaction(db, async (trx) => {
              const batch: string[] = [];
              for (const pause of pauses) {
                const event = faultEnvelope(runId, written.length + batch.length);
                await enqueue(trx, faultEvent.subject, event);
                batch.push(event.id);
                // Random transaction lengths: later seqs commit before earlier ones.
                if (pause > 0) await sleep(pause);
              }
              return batch;
            });
            written.push(...ids);
          }
        };
        await Promise.all(Array.from({ length: 20 }, writer));
        await until(async () => (await unsentIds()).length === 0, {
          timeoutMs: 120_000,
          what: 'every row published',
        });
        for (const relay of relays) await relay.stop();
        const stored = await storedIds(broker.raw, STREAM, faultEvent.subject);
        const writtenSet = new Set(written);
        const figures = {
          rows: written.length,
          published: stored.size,
          lost: written.filter((id) => !stored.has(id)).length,
          extra: [...stored.keys()].filter((id) => !writtenSet.has(id)).length,
          doubledInStream: duplicatesIn(stored),
        };
        reportFigures(`fault 7 20 writers (seed ${seed})`, figures);
        totals.runs++;
        totals.rows += figures.rows;
        totals.lost += figures.lost;
        totals.extra += figures.extra;
        totals.doubledInStream += figures.doubledInStream;
        expect(figures.rows).toBe(target);
      }
      reportFigures('fault 7 totals', totals);
      expect(totals.lost).toBe(0);
      expect(totals.extra).toBe(0);
      expect(totals.doubledInStream).toBe(0);
    },
    faultTimeout(scale, 180_000),
  );
});
