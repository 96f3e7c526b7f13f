import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import { createDb } from '@anbu/db';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { Bus } from '../bus.js';
import type { FaultDatabase } from '../testing/fault-events.js';
import type { NatsServer } from '../testing/start-nats-server.js';
import { on } from '../bus.js';
import { withInbox } from '../outbox/with-inbox.js';
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
  until,
} from '../testing/fault-kit.js';
import { hasNatsServer, startNatsServer } from '../testing/start-nats-server.js';
import { createNatsBus } from './nats-bus.js';
import { streamName } from './streams.js';

const scale = faultScale();
const STREAM = streamName('donations');
const ACK_WAIT_MS = 2_000;

const servers = hasNatsServer() && hasPostgres();

/**
 * Fault 3: a consumer that throws (before or after its effect commits), or that is SIGKILLed
 * mid-batch, still applies every effect exactly once: effect rows = distinct event ids, and the
 * broker's redelivery count shows that the fault happened.
 */
describe.skipIf(!servers)('consumer failures (fault 3)', () => {
  const log = createTestLogger();
  let nats: NatsServer;
  let pg: PostgresServer;
  let handle: DbHandle;
  let db: Kysely<FaultDatabase>;
  let bus: Bus;
  let raw: NatsConnection;

  beforeAll(async () => {
    [nats, pg] = await Promise.all([startNatsServer({ jetstream: true }), startPostgres()]);
    handle = await createDb({ url: pg.url, log, poolSize: 20 });
    db = handle.forSchema<FaultDatabase>(FAULT_SCHEMA);
    await migrateFaultSchema(db);
    bus = await createNatsBus({ servers: nats.url, log, retryBaseMs: 20 });
    raw = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await raw.close();
    await bus.close();
    await handle.close();
    await Promise.all([nats.stop(), pg.stop()]);
  });

  /** Publishes `count` events of a fresh run into an emptied stream. */
  async function publishRun(run: string, count: number): Promise<Set<string>> {
    await sql`truncate inbox, fault_effect`.execute(db);
    await (await jetstreamManager(raw)).streams.purge(STREAM);
    const ids = new Set<string>();
    for (let n = 0; n < count; n += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - n) }, async (_, i) => {
          const event = faultEnvelope(run, n + i);
          await bus.publish(faultEvent.subject, event);
          ids.add(event.id);
        }),
      );
    }
    return ids;
  }

  /** Effect rows per event id of a durable. */
  async function effectsOf(durable: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('fault_effect')
      .select('event_id')
      .where('consumer', '=', durable)
      .execute();
    const effects = new Map<string, number>();
    for (const { event_id } of rows) effects.set(event_id, (effects.get(event_id) ?? 0) + 1);
    return effects;
  }

  /** Waits until the durable has nothing pending or unacknowledged. */
  async function drained(durable: string, expected: number): Promise<void> {
    const jsm = await jetstreamManager(raw);
    // Every effect first (the broker's counters can read zero while a nak'd message waits for
    // its redelivery); a real loss times out here and shows in the figures, not as a throw.
    await until(async () => (await effectsOf(durable)).size >= expected, {
      timeoutMs: 90_000,
    }).catch(() => undefined);
    await until(
      async () => {
        const info = await jsm.consumers.info(STREAM, durable);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      { timeoutMs: 90_000, what: `${durable} drained` },
    );
  }

  /** Applies through the inbox in this process; `fail` decides where a delivery throws. */
  function consumeInProcess(
    durable: string,
    fail: (attempt: number) => 'before' | 'after' | undefined,
  ) {
    const counts = { duplicates: 0, thrown: 0, retried: 0 };
    const consumer = bus.consume({
      durable,
      concurrency: 16,
      ackWaitMs: ACK_WAIT_MS,
      routes: [
        on(faultEvent, async (event, delivery) => {
          if (delivery.attempt > 1) counts.retried++;
          const where = fail(delivery.attempt);
          const outcome = await withInbox(
            db,
            { consumer: durable, eventId: event.id },
            async (trx) => {
              await trx
                .insertInto('fault_effect')
                .values({ event_id: event.id, consumer: durable, run: event.data.run })
                .execute();
              if (where === 'before') {
                counts.thrown++;
                throw new Error('handler failed before its effect committed');
              }
            },
          );
          if (outcome === 'duplicate') counts.duplicates++;
          if (where === 'after') {
            counts.thrown++;
            throw new Error('handler failed after its effect committed, before the ack');
          }
        }),
      ],
    });
    return { consumer, counts };
  }

  it(
    `should apply each effect once when the handler throws before or after committing (${scale.runs} run(s))`,
    async () => {
      const count = scale.pick(400, 2_000);
      const totals = { runs: 0, faults: 0, lost: 0, doubled: 0, redelivered: 0 };
      for (let run = 0; run < scale.runs; run++) {
        const seed = 3_100 + run;
        const random = seededRandom(seed);
        const ids = await publishRun(`throw-${seed}`, count);
        const durable = `throwing_${seed}`;
        // A fifth of first deliveries fail, half of them after the effect committed.
        const { consumer, counts } = consumeInProcess(durable, (attempt) => {
          if (attempt > 1 || random() >= 0.2) return undefined;
          return random() < 0.5 ? 'before' : 'after';
        });
        const started = await consumer;
        await drained(durable, ids.size);
        const redelivered = counts.retried;
        await started.stop();
        const effects = await effectsOf(durable);
        const figures = {
          events: count,
          faults: counts.thrown,
          lost: [...ids].filter((id) => !effects.has(id)).length,
          doubled: duplicatesIn(effects),
          redelivered,
          inboxSkipped: counts.duplicates,
        };
        reportFigures(`fault 3 throwing consumer (seed ${seed})`, figures);
        totals.runs++;
        totals.faults += figures.faults;
        totals.lost += figures.lost;
        totals.doubled += figures.doubled;
        totals.redelivered += redelivered;
        expect(effects.size).toBe(ids.size);
        expect(redelivered).toBeGreaterThanOrEqual(counts.thrown);
      }
      reportFigures('fault 3 throwing totals', totals);
      expect(totals.faults).toBeGreaterThan(0);
      expect(totals.lost).toBe(0);
      expect(totals.doubled).toBe(0);
    },
    faultTimeout(scale, 60_000),
  );

  it(
    `should apply each effect once when the consumer process is killed -9 mid-batch (${scale.runs} run(s))`,
    async () => {
      const count = scale.pick(400, 2_000);
      const totals = { runs: 0, kills: 0, lost: 0, doubled: 0, redelivered: 0, inboxSkipped: 0 };
      for (let run = 0; run < scale.runs; run++) {
        const seed = 3_200 + run;
        const random = seededRandom(seed);
        const ids = await publishRun(`kill-${seed}`, count);
        const durable = `killed_${seed}`;
        const worker = startFaultWorker({
          mode: 'consumer',
          natsUrl: nats.url,
          dbUrl: pg.url,
          duplicateWindowMs: 120_000,
          durable,
          concurrency: 16,
          ackWaitMs: ACK_WAIT_MS,
          effectDelayMs: 20,
        });
        const killAt = Math.floor(count * (0.2 + random() * 0.5));
        await worker.waitFor(
          () => worker.lines.filter((l) => l.startsWith('applied ')).length >= killAt,
        );
        await worker.kill9();
        const appliedBeforeKill = (await effectsOf(durable)).size;
        // The survivor (another replica) takes the durable over; unacked messages come back.
        const { consumer, counts } = consumeInProcess(durable, () => undefined);
        const started = await consumer;
        await drained(durable, ids.size);
        const redelivered = counts.retried;
        await started.stop();
        const effects = await effectsOf(durable);
        const figures = {
          events: count,
          killAt,
          appliedBeforeKill,
          lost: [...ids].filter((id) => !effects.has(id)).length,
          doubled: duplicatesIn(effects),
          redelivered,
          inboxSkipped: counts.duplicates,
        };
        reportFigures(`fault 3 consumer kill -9 (seed ${seed})`, figures);
        totals.runs++;
        totals.kills++;
        totals.lost += figures.lost;
        totals.doubled += figures.doubled;
        totals.redelivered += redelivered;
        totals.inboxSkipped += counts.duplicates;
        expect(effects.size).toBe(ids.size);
      }
      reportFigures('fault 3 kill -9 totals', totals);
      expect(totals.lost).toBe(0);
      expect(totals.doubled).toBe(0);
      // The kill left deliveries unacknowledged: the broker redelivered them.
      expect(totals.redelivered).toBeGreaterThan(0);
    },
    faultTimeout(scale, 90_000),
  );

  it(
    `should apply each effect once when a consumer replica is SIGSTOPped past its ack wait, then continued (${scale.runs} run(s))`,
    async () => {
      const count = scale.pick(400, 2_000);
      const totals = { runs: 0, stalls: 0, lost: 0, doubled: 0, redelivered: 0, inboxSkipped: 0 };
      for (let run = 0; run < scale.runs; run++) {
        const seed = 3_300 + run;
        const random = seededRandom(seed);
        const ids = await publishRun(`stop-${seed}`, count);
        const durable = `stopped_${seed}`;
        const worker = startFaultWorker({
          mode: 'consumer',
          natsUrl: nats.url,
          dbUrl: pg.url,
          duplicateWindowMs: 120_000,
          durable,
          concurrency: 16,
          ackWaitMs: ACK_WAIT_MS,
          effectDelayMs: 20,
        });
        const stopAt = Math.floor(count * (0.2 + random() * 0.5));
        await worker.waitFor(
          () => worker.lines.filter((l) => l.startsWith('applied ')).length >= stopAt,
        );
        // The replica hangs mid-batch (its open transactions and unacked messages with it) ...
        worker.child.kill('SIGSTOP');
        const { consumer, counts } = consumeInProcess(durable, () => undefined);
        const started = await consumer;
        const stallMs = ACK_WAIT_MS + 1_000 + Math.floor(random() * 2_000);
        await new Promise((resolve) => setTimeout(resolve, stallMs));
        // ... and comes back: its late commits meet the inbox rows of the other replica.
        worker.child.kill('SIGCONT');
        await drained(durable, ids.size);
        await new Promise((resolve) => setTimeout(resolve, ACK_WAIT_MS));
        await drained(durable, ids.size);
        await started.stop();
        await worker.kill9();
        const effects = await effectsOf(durable);
        const figures = {
          events: count,
          stopAt,
          stallMs,
          lost: [...ids].filter((id) => !effects.has(id)).length,
          doubled: duplicatesIn(effects),
          redelivered: counts.retried,
          inboxSkipped: counts.duplicates,
        };
        reportFigures(`fault 6 consumer replica SIGSTOP (seed ${seed})`, figures);
        totals.runs++;
        totals.stalls++;
        totals.lost += figures.lost;
        totals.doubled += figures.doubled;
        totals.redelivered += counts.retried;
        totals.inboxSkipped += counts.duplicates;
        expect(effects.size).toBe(ids.size);
      }
      reportFigures('fault 6 consumer SIGSTOP totals', totals);
      expect(totals.lost).toBe(0);
      expect(totals.doubled).toBe(0);
      expect(totals.redelivered).toBeGreaterThan(0);
    },
    faultTimeout(scale, 90_000),
  );
});
