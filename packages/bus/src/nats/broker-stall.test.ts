import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import { defineRpc, SYSTEM_ACTOR } from '@anbu/contracts';
import { createDb, transaction } from '@anbu/db';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { Bus } from '../bus.js';
import type { FaultDatabase } from '../testing/fault-events.js';
import type { NatsServer } from '../testing/start-nats-server.js';
import { handle, on } from '../bus.js';
import { PublishTimeoutError, RpcTimeoutError } from '../errors.js';
import { enqueue } from '../outbox/enqueue.js';
import { createOutboxRelay } from '../outbox/outbox-relay.js';
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
  storedIds,
  until,
} from '../testing/fault-kit.js';
import { hasNatsServer, startNatsServer } from '../testing/start-nats-server.js';
import { createNatsBus } from './nats-bus.js';
import { streamName } from './streams.js';

const scale = faultScale();
const STREAM = streamName('donations');
const ACK_WAIT_MS = 2_000;
const RPC_TIMEOUT_MS = 1_000;
/** How long a publish waits for its acknowledgement. */
const PUBLISH_TIMEOUT_MS = 3_000;
/** The bound on recovery after SIGCONT. */
const RECOVERY_LIMIT_MS = 60_000;

const ping = defineRpc({
  service: 'households',
  method: 'faultPing',
  input: z.object({ n: z.number().int() }),
  output: z.object({ n: z.number().int() }),
});

const servers = hasNatsServer() && hasPostgres();

/** How a call ended, and after how long: a stalled broker must never leave a caller hanging. */
async function timed(work: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
}

/**
 * Fault 6: nats-server SIGSTOPped for longer than the consumer's ack wait, the RPC timeout and
 * the publish timeout, while the outbox keeps filling. Callers get a timeout error within their
 * timeout; after SIGCONT everything flows again within 60 s; nothing is lost or doubled.
 */
describe.skipIf(!servers)('broker SIGSTOP past the ack wait and the RPC timeout (fault 6)', () => {
  const log = createTestLogger();
  let nats: NatsServer;
  let pg: PostgresServer;
  let handleDb: DbHandle;
  let db: Kysely<FaultDatabase>;
  let bus: Bus;
  let raw: NatsConnection;

  beforeAll(async () => {
    [nats, pg] = await Promise.all([startNatsServer({ jetstream: true }), startPostgres()]);
    handleDb = await createDb({ url: pg.url, log });
    db = handleDb.forSchema<FaultDatabase>(FAULT_SCHEMA);
    await migrateFaultSchema(db);
    bus = await createNatsBus({
      servers: nats.url,
      log,
      retryBaseMs: 50,
      publishTimeoutMs: PUBLISH_TIMEOUT_MS,
    });
    raw = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    nats.resume();
    await raw.close();
    await bus.close();
    await handleDb.close();
    await Promise.all([nats.stop(), pg.stop()]);
  });

  async function enqueueMany(run: string, from: number, count: number): Promise<string[]> {
    const ids: string[] = [];
    await transaction(db, async (trx) => {
      for (let n = from; n < from + count; n++) {
        const event = faultEnvelope(run, n);
        await enqueue(trx, faultEvent.subject, event);
        ids.push(event.id);
      }
    });
    return ids;
  }

  it(
    `should time callers out clearly while the broker hangs and recover after SIGCONT (${scale.runs} run(s))`,
    async () => {
      const totals = { runs: 0, stalls: 0, timeouts: 0, hangs: 0, lost: 0, doubled: 0 };
      let slowestRecoveryMs = 0;
      for (let run = 0; run < scale.runs; run++) {
        const seed = 6_000 + run;
        const random = seededRandom(seed);
        await sql`truncate outbox, inbox, fault_effect`.execute(db);
        await (await jetstreamManager(raw)).streams.purge(STREAM);
        const runId = `stall-${seed}`;
        const durable = `stalled_${seed}`;
        const server = await bus.serve([handle(ping, ({ n }) => Promise.resolve({ n }))]);
        const relay = createOutboxRelay({ db, bus, schema: FAULT_SCHEMA, log, pollMs: 20 });
        relay.start();
        const consumer = await bus.consume({
          durable,
          concurrency: 8,
          ackWaitMs: ACK_WAIT_MS,
          routes: [
            on(faultEvent, async (event) => {
              await withInbox(db, { consumer: durable, eventId: event.id }, (trx) =>
                trx
                  .insertInto('fault_effect')
                  .values({ event_id: event.id, consumer: durable, run: event.data.run })
                  .execute()
                  .then(() => undefined),
              );
            }),
          ],
        });
        const countEffects = async () =>
          Number(
            (
              await db
                .selectFrom('fault_effect')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('consumer', '=', durable)
                .executeTakeFirstOrThrow()
            ).n,
          );
        const ids = await enqueueMany(runId, 0, 100);
        await until(async () => (await countEffects()) === ids.length, { what: 'events before' });

        // In flight when the broker stops: more events, some delivered and not yet acknowledged.
        ids.push(...(await enqueueMany(runId, 100, 100)));
        const stallMs = PUBLISH_TIMEOUT_MS + 1_000 + Math.floor(random() * 3_000);
        nats.pause();
        const stalledAt = Date.now();
        const calls: Promise<{ ms: number; error: unknown; limit: number }>[] = [];
        for (let i = 0; i < 3; i++) {
          calls.push(
            timed(
              bus.request(ping, { n: i }, { actor: SYSTEM_ACTOR, timeoutMs: RPC_TIMEOUT_MS }),
            ).then((r) => ({ ...r, limit: RPC_TIMEOUT_MS })),
          );
        }
        const direct = faultEnvelope(runId, 10_000);
        calls.push(
          timed(bus.publish(faultEvent.subject, direct)).then((r) => ({
            ...r,
            limit: PUBLISH_TIMEOUT_MS,
          })),
        );
        // Writers keep committing while the broker hangs; the outbox holds their events.
        ids.push(...(await enqueueMany(runId, 200, 100)));
        const outcomes = await Promise.all(calls);
        await sleep(Math.max(0, stallMs - (Date.now() - stalledAt)));
        nats.resume();
        const resumedAt = Date.now();

        // Recovery: an RPC answers and every committed event has its effect.
        await until(
          async () => {
            try {
              await bus.request(ping, { n: 99 }, { actor: SYSTEM_ACTOR, timeoutMs: 1_000 });
            } catch {
              return false;
            }
            return true;
          },
          { timeoutMs: RECOVERY_LIMIT_MS, what: 'an RPC answered after SIGCONT' },
        );
        // The timed-out direct publish is retried with the same envelope, as its caller would.
        await until(
          async () =>
            bus.publish(faultEvent.subject, direct).then(
              () => true,
              () => false,
            ),
          { timeoutMs: RECOVERY_LIMIT_MS, what: 'the direct publish retried' },
        );
        ids.push(direct.id);
        await until(async () => (await countEffects()) >= ids.length, {
          timeoutMs: RECOVERY_LIMIT_MS,
          what: 'every event applied after SIGCONT',
        });
        const recoveryMs = Date.now() - resumedAt;
        await sleep(ACK_WAIT_MS + 500);
        await consumer.stop();
        await relay.stop();
        await server.stop();

        const rows = await db
          .selectFrom('fault_effect')
          .select('event_id')
          .where('consumer', '=', durable)
          .execute();
        const effects = new Map<string, number>();
        for (const { event_id } of rows) effects.set(event_id, (effects.get(event_id) ?? 0) + 1);
        const stored = await storedIds(raw, STREAM, faultEvent.subject);
        const timeouts = outcomes.filter((o) => o.error !== undefined).length;
        const hangs = outcomes.filter((o) => o.ms > o.limit + 1_500).length;
        const figures = {
          stallMs,
          calls: outcomes.length,
          timeouts,
          hangs,
          slowestCallMs: Math.max(...outcomes.map((o) => o.ms)),
          recoveryMs,
          events: ids.length,
          lost: ids.filter((id) => !effects.has(id) || !stored.has(id)).length,
          doubled: duplicatesIn(effects) + duplicatesIn(stored),
        };
        reportFigures(`fault 6 nats-server SIGSTOP (seed ${seed})`, figures);
        totals.runs++;
        totals.stalls++;
        totals.timeouts += timeouts;
        totals.hangs += hangs;
        totals.lost += figures.lost;
        totals.doubled += figures.doubled;
        slowestRecoveryMs = Math.max(slowestRecoveryMs, recoveryMs);

        for (const outcome of outcomes.slice(0, 3)) {
          expect(outcome.error).toBeInstanceOf(RpcTimeoutError);
          expect((outcome.error as Error).message).toContain(ping.subject);
        }
        // The direct publish races the SIGSTOP: on a loaded machine the broker can ack it before
        // its threads stop (seen once in CI). Either way it must not hang, and a failure must be
        // the clear timeout naming the event; its retry below keeps it at one effect.
        const publishOutcome = outcomes[3];
        expect(publishOutcome).toBeDefined();
        if (publishOutcome?.error !== undefined) {
          expect(publishOutcome.error).toBeInstanceOf(PublishTimeoutError);
          expect((publishOutcome.error as Error).message).toContain(direct.id);
        }
      }
      reportFigures('fault 6 totals', { ...totals, slowestRecoveryMs });
      expect(totals.hangs).toBe(0);
      expect(slowestRecoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
      expect(totals.lost).toBe(0);
      expect(totals.doubled).toBe(0);
    },
    faultTimeout(scale, 120_000),
  );
});
