import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PGliteSession, SessionQuery } from './pglite-session.js';
import { transaction } from '../transaction.js';
import { SchemaBoundPGliteDialect, SharedPGlite } from './pglite-driver.js';
import { inThreadSession } from './pglite-session.js';

/**
 * A real session that records what was sent and how many statements were unanswered at once;
 * it answers a turn of the event loop late, as a session in another thread does.
 */
function recording(session: PGliteSession) {
  const sent: SessionQuery[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const recorder: PGliteSession = {
    async query(query) {
      sent.push(query);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const answer = await session.query(query);
        await new Promise((resolve) => setImmediate(resolve));
        return answer;
      } finally {
        inFlight--;
      }
    },
    close: () => session.close(),
  };
  return {
    session: recorder,
    sent,
    maxInFlight: () => maxInFlight,
    reset() {
      sent.length = 0;
      maxInFlight = 0;
    },
  };
}

describe('SchemaBoundPGliteDialect', () => {
  let record: ReturnType<typeof recording>;
  let alpha: Kysely<unknown>;
  let beta: Kysely<unknown>;

  beforeAll(async () => {
    record = recording(inThreadSession(await PGlite.create('memory://')));
    const shared = new SharedPGlite(record.session);
    alpha = new Kysely({ dialect: new SchemaBoundPGliteDialect(shared, 'alpha') });
    beta = new Kysely({ dialect: new SchemaBoundPGliteDialect(shared, 'beta') });
    for (const db of [alpha, beta]) {
      await sql`create schema if not exists ${sql.raw(db === alpha ? 'alpha' : 'beta')}`.execute(
        db,
      );
      await sql`create table item (id int primary key)`.execute(db);
    }
  });

  afterAll(async () => {
    await record.session.close();
  });

  it('should send statements outside a transaction without waiting for the ones before', async () => {
    record.reset();
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => sql`select ${i}::int as n`.execute(i % 2 ? alpha : beta)),
    );
    expect(record.sent).toHaveLength(6);
    expect(record.maxInFlight()).toBe(6);
  });

  it("should send nothing of another caller's between a transaction's begin and its end", async () => {
    record.reset();
    await Promise.all([
      transaction(alpha, async (trx) => {
        await sql`insert into item values (1)`.execute(trx);
        await sql`insert into item values (2)`.execute(trx);
      }),
      ...Array.from({ length: 4 }, (_, i) =>
        sql`insert into item values (${10 + i})`.execute(beta),
      ),
    ]);
    const order = record.sent.map((q) => `${q.schema}:${q.sql.split(' ')[0] ?? ''}`);
    const begin = order.indexOf('alpha:begin');
    const commit = order.indexOf('alpha:commit');
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(order.slice(begin, commit + 1)).toEqual([
      'alpha:begin',
      'alpha:insert',
      'alpha:insert',
      'alpha:commit',
    ]);
    expect(order.filter((entry) => entry === 'beta:insert')).toHaveLength(4);
  });

  it('should keep a pinned connection out of a transaction of another schema', async () => {
    const failing = transaction(alpha, async (trx) => {
      await sql`insert into item values (100)`.execute(trx);
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('roll back');
    }).catch(() => 'rolled back');
    const pinned = beta.connection().execute(async (db) => {
      for (let id = 100; id < 105; id++) {
        await sql`insert into item values (${id})`.execute(db);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    await Promise.all([failing, pinned]);
    const inBeta = await sql<{ id: number }>`select id from item where id >= 100`.execute(beta);
    const inAlpha = await sql<{ id: number }>`select id from item where id >= 100`.execute(alpha);
    expect(inBeta.rows).toHaveLength(5);
    expect(inAlpha.rows).toEqual([]);
  });
});
