import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { Envelope } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import { defineEvent } from '@anbu/contracts';
import { createDb, migrateToLatest, transaction } from '@anbu/db';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { OutboxDatabase } from './tables.js';
import { on } from '../bus.js';
import { createMemoryBus } from '../memory/index.js';
import { enqueue } from './enqueue.js';
import { outboxMigrations } from './outbox-migration.js';
import { createOutboxRelay } from './outbox-relay.js';
import { withInbox } from './with-inbox.js';

const thing = defineEvent({
  service: 'donations',
  entity: 'thing',
  event: 'made',
  version: 1,
  data: z.object({ n: z.number().int() }),
});

interface TestDb extends OutboxDatabase {
  effect: { event_id: string };
}

function made(n: number): Envelope {
  return {
    id: randomUUID(),
    type: thing.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    data: { n },
  };
}

const postgres = hasPostgres();
const DIALECTS = ['pglite', ...(postgres ? (['postgres'] as const) : [])] as const;

for (const dialect of DIALECTS) {
  describe(`outbox and inbox on ${dialect}`, () => {
    const log = createTestLogger();
    let server: PostgresServer | undefined;
    let handle: DbHandle;
    let db: Kysely<TestDb>;

    beforeAll(async () => {
      if (dialect === 'postgres') server = await startPostgres();
      handle = await createDb({ url: server?.url, dataDir: 'memory://', log });
      db = handle.forSchema<TestDb>('donations');
      const { error } = await migrateToLatest({
        db,
        schema: 'donations',
        migrations: {
          ...outboxMigrations,
          '2025-01-01T00-00-00_effect': {
            async up(k) {
              await k.schema.createTable('effect').addColumn('event_id', 'uuid').execute();
            },
          },
        },
      });
      expect(error).toBeUndefined();
    });

    afterAll(async () => {
      await handle.close();
      await server?.stop();
    });

    const unsent = async () =>
      db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute();

    it('should publish what committed transactions enqueued, in order, and nothing rolled back', async () => {
      const bus = createMemoryBus({ log });
      const relay = createOutboxRelay({ db, bus, schema: 'donations', log });
      const got: number[] = [];
      const consumer = await bus.consume({
        durable: `outbox_order_${dialect}`,
        concurrency: 1,
        routes: [on(thing, (e) => Promise.resolve(void got.push(e.data.n)))],
      });
      for (const n of [1, 2, 3]) {
        await transaction(db, async (trx) => enqueue(trx, thing.subject, made(n)));
      }
      await transaction(db, async (trx) => {
        await enqueue(trx, thing.subject, made(99));
        throw new Error('rolled back');
      }).catch(() => undefined);
      const report = await relay.tick();
      await sleep(50);
      await consumer.stop();
      await bus.close();
      expect(report.error).toBeUndefined();
      expect(report.results.map((r) => r.status)).toEqual(['published', 'published', 'published']);
      expect(got).toEqual([1, 2, 3]);
      expect(await unsent()).toEqual([]);
    });

    it('should keep a row unsent and stop the batch when publishing fails, then publish it later', async () => {
      const broken = createMemoryBus({ log });
      await broken.close();
      for (const n of [1, 2]) await transaction(db, (trx) => enqueue(trx, thing.subject, made(n)));
      const failed = await createOutboxRelay({
        db,
        bus: broken,
        schema: 'donations',
        log,
      }).tick();
      expect(failed.error).toBeUndefined();
      expect(failed.results.map((r) => r.status)).toEqual(['failed']);
      const row = await db
        .selectFrom('outbox')
        .select(['attempts', 'last_error'])
        .where('id', '=', failed.results[0]!.id)
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain('closed');
      expect(await unsent()).toHaveLength(2);
      const bus = createMemoryBus({ log });
      const retried = await createOutboxRelay({
        db,
        bus,
        schema: 'donations',
        log,
      }).tick();
      await bus.close();
      expect(retried.results.map((r) => r.status)).toEqual(['published', 'published']);
      expect(await unsent()).toEqual([]);
    });

    it('should refuse to enqueue an envelope that does not fit its subject', async () => {
      await expect(
        transaction(db, (trx) => enqueue(trx, 'anbu.donations.thing.other', made(1))),
      ).rejects.toThrow(/does not belong/);
    });

    it('should apply an effect once per consumer and event, and not at all when it throws', async () => {
      const eventId = randomUUID();
      const effect = async (trx: Kysely<TestDb>) => {
        await trx.insertInto('effect').values({ event_id: eventId }).execute();
      };
      await expect(
        withInbox(db, { consumer: 'c1', eventId }, async (trx) => {
          await effect(trx);
          throw new Error('fails mid-effect');
        }),
      ).rejects.toThrow('fails mid-effect');
      expect(await withInbox(db, { consumer: 'c1', eventId }, effect)).toBe('applied');
      expect(await withInbox(db, { consumer: 'c1', eventId }, effect)).toBe('duplicate');
      expect(await withInbox(db, { consumer: 'c2', eventId }, effect)).toBe('applied');
      const rows = await db
        .selectFrom('effect')
        .selectAll()
        .where('event_id', '=', eventId)
        .execute();
      expect(rows).toHaveLength(2);
    });

    it('should apply an effect once when the same event is handled concurrently', async () => {
      const eventId = randomUUID();
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () =>
          withInbox(db, { consumer: 'racer', eventId }, async (trx) => {
            await trx.insertInto('effect').values({ event_id: eventId }).execute();
            await sleep(20);
          }),
        ),
      );
      expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
      const rows = await db
        .selectFrom('effect')
        .selectAll()
        .where('event_id', '=', eventId)
        .execute();
      expect(rows).toHaveLength(1);
    });
  });
}

describe.skipIf(!postgres)(
  'outbox relay on PostgreSQL with a transaction that commits late',
  () => {
    it('should publish a row whose transaction took an earlier seq but committed after a later one', async () => {
      await using server = await startPostgres();
      const log = createTestLogger();
      await using handle = await createDb({ url: server.url, log });
      const db = handle.forSchema<TestDb>('donations');
      await migrateToLatest({ db, schema: 'donations', migrations: outboxMigrations });
      const bus = createMemoryBus({ log });
      const relay = createOutboxRelay({ db, bus, schema: 'donations', log });
      const early = made(1);
      let commitEarly: () => void = () => undefined;
      let markEnqueued: () => void = () => undefined;
      const enqueued = new Promise<void>((resolve) => (markEnqueued = resolve));
      const slow = transaction(db, async (trx) => {
        await enqueue(trx, thing.subject, early);
        markEnqueued();
        await new Promise<void>((resolve) => (commitEarly = resolve));
      });
      await enqueued;
      await transaction(db, (trx) => enqueue(trx, thing.subject, made(2)));
      const first = await relay.tick();
      commitEarly();
      await slow;
      const second = await relay.tick();
      await bus.close();
      expect(first.results.map((r) => r.status)).toEqual(['published']);
      expect(first.results[0]?.id).not.toBe(early.id);
      expect(second.results.map((r) => r.id)).toEqual([early.id]);
    });
  },
);
