import { messages, PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PGliteSession } from './pglite-session.js';
import { PGliteWorkerExitedError } from '../errors.js';
import { openPGliteWorker } from './open-pglite-worker.js';
import { inThreadSession } from './pglite-session.js';

const SESSIONS = {
  'in this thread': async () => inThreadSession(await PGlite.create('memory://')),
  'in a worker': () => openPGliteWorker({ dataDir: 'memory://' }),
} as const;

/** Runs a statement in `public`. */
const run = (session: PGliteSession, sql: string, params: readonly unknown[] = []) =>
  session.query({ schema: 'public', sql, params });

describe.each(Object.entries(SESSIONS))('a PGlite session %s', (_, open) => {
  let session: PGliteSession;

  beforeAll(async () => {
    session = await open();
    await run(session, 'create schema alpha');
    await run(session, 'create table alpha.item (id int primary key, body text not null)');
    await run(session, 'create sequence public.turn');
  });

  afterAll(async () => {
    await session.close();
  });

  it('should give rows their PostgreSQL types back (dates, bytes, JSON, numbers)', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const { rows } = await run(
      session,
      'select $1::timestamptz as at, $2::bytea as bytes, $3::jsonb as doc, 42::int as n, 1.5::numeric as exact',
      [at, new Uint8Array([1, 2, 255]), JSON.stringify({ a: [1, 'b'] })],
    );
    expect(rows).toEqual([
      { at, bytes: new Uint8Array([1, 2, 255]), doc: { a: [1, 'b'] }, n: 42, exact: '1.5' },
    ]);
  });

  it('should run unqualified SQL in the schema each statement names', async () => {
    await session.query({
      schema: 'alpha',
      sql: 'insert into item (id, body) values ($1, $2)',
      params: [1, 'in alpha'],
    });
    const { rows, affectedRows } = await session.query({
      schema: 'alpha',
      sql: 'update item set body = body where id = $1',
      params: [1],
    });
    expect(rows).toEqual([]);
    expect(affectedRows).toBe(1);
    await expect(run(session, 'select * from item')).rejects.toThrow(/"item" does not exist/);
  });

  it("should throw PostgreSQL's error with its code, constraint and the statement", async () => {
    const sql = 'insert into item (id, body) values ($1, $2)';
    const error: unknown = await session
      .query({ schema: 'alpha', sql, params: [1, 'again'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({
      message: 'duplicate key value violates unique constraint "item_pkey"',
      code: '23505',
      severity: 'ERROR',
      constraint: 'item_pkey',
      table: 'item',
      schema: 'alpha',
      query: sql,
    });
    // The session is still usable after an error.
    expect((await run(session, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('should run concurrent statements one at a time, in the order they were sent', async () => {
    const turns = await Promise.all(
      Array.from({ length: 50 }, () => run(session, "select nextval('turn')::int as turn")),
    );
    expect(turns.map(({ rows }) => (rows[0] as { turn: number }).turn)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it("should keep a transaction's statements together and roll it back", async () => {
    await run(session, 'begin');
    await run(session, "insert into alpha.item values (2, 'rolled back')");
    await run(session, 'rollback');
    await run(session, 'begin');
    await run(session, "insert into alpha.item values (3, 'kept')");
    await run(session, 'commit');
    const { rows } = await run(session, 'select id from alpha.item where id > 1 order by id');
    expect(rows).toEqual([{ id: 3 }]);
  });
});

describe('openPGliteWorker', () => {
  it('should refuse a parameter the structured clone cannot copy and stay usable', async () => {
    const session = await openPGliteWorker({ dataDir: 'memory://' });
    try {
      await expect(run(session, 'select $1 as f', [() => 1])).rejects.toThrow(
        /could not be cloned/,
      );
      expect((await run(session, 'select 2 as two')).rows).toEqual([{ two: 2 }]);
    } finally {
      await session.close();
    }
  });

  it('should answer the statements in flight, then close and refuse later ones', async () => {
    const session = await openPGliteWorker({ dataDir: 'memory://' });
    const inFlight = run(session, 'select pg_sleep(0.05), 3 as three');
    const closed = session.close();
    expect((await inFlight).rows).toEqual([{ pg_sleep: '', three: 3 }]);
    await closed;
    await expect(run(session, 'select 1')).rejects.toThrow(PGliteWorkerExitedError);
    // Closing twice is harmless.
    await session.close();
  });

  it('should fail to open with the reason when the data folder is unusable', async () => {
    await expect(openPGliteWorker({ dataDir: '/proc/anbu-no-such-folder' })).rejects.toThrow();
  });
});
