import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DbHandle } from './create-db.js';
import type { Migrations } from './migrate.js';
import type { PostgresServer } from './testing/index.js';
import { createDb } from './create-db.js';
import { InvalidSchemaNameError, MigrationError } from './errors.js';
import { migrateToLatest } from './migrate.js';
import { createTestLogger, hasPostgres, startPostgres } from './testing/index.js';
import { transaction } from './transaction.js';

interface NotesDb {
  note: { id: number; body: string };
  migration_log: { name: string };
}

const migrations: Migrations = {
  '2025-01-01T00-00-00_create_note': {
    async up(db) {
      await db.schema
        .createTable('note')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('migration_log').addColumn('name', 'text').execute();
      await db.insertInto('migration_log').values({ name: 'create_note' }).execute();
    },
  },
  '2025-01-02T00-00-00_add_index': {
    async up(db) {
      await db.schema.createIndex('note_body_idx').on('note').column('body').execute();
      await db.insertInto('migration_log').values({ name: 'add_index' }).execute();
    },
  },
};

const postgres = hasPostgres();
/** Every implementation the same suite runs against. */
const DIALECTS = ['pglite', 'pglite-worker', ...(postgres ? (['postgres'] as const) : [])] as const;

for (const dialect of DIALECTS) {
  describe(`@anbu/db on ${dialect}`, () => {
    const log = createTestLogger();
    let server: PostgresServer | undefined;
    let handle: DbHandle;

    beforeAll(async () => {
      if (dialect === 'postgres') server = await startPostgres();
      handle = await createDb({
        url: server?.url,
        dataDir: 'memory://',
        pgliteThread: dialect === 'pglite-worker' ? 'worker' : 'main',
        log,
      });
      for (const schema of ['alpha', 'beta']) {
        const { error } = await migrateToLatest({
          db: handle.forSchema(schema),
          schema,
          migrations,
        });
        expect(error).toBeUndefined();
      }
    });

    afterAll(async () => {
      await handle.close();
      await server?.stop();
    });

    const alpha = () => handle.forSchema<NotesDb>('alpha');
    const beta = () => handle.forSchema<NotesDb>('beta');

    it('should open the requested kind of database', () => {
      expect(handle.kind).toBe(dialect === 'postgres' ? 'postgres' : 'pglite');
    });

    it('should keep each service schema separate, for query builder and raw SQL', async () => {
      await alpha().insertInto('note').values({ id: 1, body: 'in alpha' }).execute();
      const inBeta = await beta().selectFrom('note').select('body').execute();
      expect(inBeta).toEqual([]);
      const raw = await sql<{ body: string }>`select body from note`.execute(alpha());
      expect(raw.rows).toEqual([{ body: 'in alpha' }]);
    });

    it('should run every migration once and report nothing pending on a second run', async () => {
      const second = await migrateToLatest({ db: alpha(), schema: 'alpha', migrations });
      expect(second.error).toBeUndefined();
      expect(second.results).toEqual([]);
      const ran = await alpha().selectFrom('migration_log').select('name').execute();
      expect(ran.map((row) => row.name)).toEqual(['create_note', 'add_index']);
    });

    it('should report a failing migration as an error result instead of throwing', async () => {
      const broken: Migrations = {
        ...migrations,
        '2025-01-03T00-00-00_broken': {
          async up(db) {
            await sql`select * from no_such_table`.execute(db);
          },
        },
      };
      const report = await migrateToLatest({ db: alpha(), schema: 'alpha', migrations: broken });
      expect(report.error).toBeInstanceOf(MigrationError);
      expect(report.error?.migration).toBe('2025-01-03T00-00-00_broken');
      expect(report.results.map((r) => r.status)).toEqual(['Error']);
    });

    it('should commit a transaction that resolves and roll back one that throws', async () => {
      await transaction(alpha(), async (trx) => {
        await trx.insertInto('note').values({ id: 10, body: 'kept' }).execute();
      });
      await expect(
        transaction(alpha(), async (trx) => {
          await trx.insertInto('note').values({ id: 11, body: 'dropped' }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const ids = await alpha().selectFrom('note').select('id').where('id', '>=', 10).execute();
      expect(ids).toEqual([{ id: 10 }]);
    });

    it('should reuse an outer transaction when nested', async () => {
      await expect(
        transaction(alpha(), async (outer) => {
          await transaction(outer, async (inner) => {
            await inner.insertInto('note').values({ id: 20, body: 'inner' }).execute();
          });
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      const row = await alpha().selectFrom('note').select('id').where('id', '=', 20).execute();
      expect(row).toEqual([]);
    });

    it('should never let a rolled-back transaction take concurrent writes of others with it', async () => {
      const failing = async (db: Kysely<NotesDb>, id: number) =>
        transaction(db, async (trx) => {
          await trx.insertInto('note').values({ id, body: 'rolled back' }).execute();
          await sleep(5);
          throw new Error('rollback');
        }).catch(() => 'failed');
      const writing = async (db: Kysely<NotesDb>, id: number) =>
        db.insertInto('note').values({ id, body: 'kept' }).execute();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => [
          failing(alpha(), 100 + i),
          writing(beta(), 100 + i),
          writing(alpha(), 200 + i),
        ]).flat(),
      );
      const inAlpha = await alpha()
        .selectFrom('note')
        .select('body')
        .where('id', '>=', 100)
        .execute();
      const inBeta = await beta()
        .selectFrom('note')
        .select('body')
        .where('id', '>=', 100)
        .execute();
      expect(inAlpha).toHaveLength(10);
      expect(inBeta).toHaveLength(10);
      expect([...inAlpha, ...inBeta].every((row) => row.body === 'kept')).toBe(true);
    });

    it('should resolve unqualified raw SQL in the right schema while schemas are used concurrently', async () => {
      const insert = (db: Kysely<NotesDb>, id: number) =>
        sql`insert into note (id, body) values (${id}, ${'concurrent'})`.execute(db);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => insert(i % 2 === 0 ? alpha() : beta(), 1_000 + i)),
      );
      const count = async (db: Kysely<NotesDb>) =>
        (await db.selectFrom('note').select('id').where('body', '=', 'concurrent').execute()).map(
          (row) => row.id % 2,
        );
      expect(await count(alpha())).toEqual(Array.from({ length: 20 }, () => 0));
      expect(await count(beta())).toEqual(Array.from({ length: 20 }, () => 1));
    });

    it('should reject a schema name that is not a plain identifier', () => {
      expect(() => handle.forSchema('x"; drop table note; --')).toThrow(InvalidSchemaNameError);
    });
  });
}

describe.skipIf(!postgres)('migrateToLatest on PostgreSQL with replicas starting together', () => {
  it('should run each migration once when three replicas migrate at the same time', async () => {
    await using server = await startPostgres();
    const log = createTestLogger();
    const handles = await Promise.all([1, 2, 3].map(() => createDb({ url: server.url, log })));
    try {
      const reports = await Promise.all(
        handles.map((h) =>
          migrateToLatest({ db: h.forSchema('gamma'), schema: 'gamma', migrations }),
        ),
      );
      expect(reports.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
      const db = handles[0]!.forSchema<NotesDb>('gamma');
      const ran = await db.selectFrom('migration_log').select('name').execute();
      expect(ran.map((row) => row.name)).toEqual(['create_note', 'add_index']);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});

describe.each(['main', 'worker'] as const)(
  'createDb with PGlite (%s thread) in a data folder',
  (pgliteThread) => {
    it('should keep data across a close and reopen', async () => {
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const dataDir = mkdtempSync(join(tmpdir(), 'anbu-pglite-'));
      try {
        const log = createTestLogger();
        const first = await createDb({ dataDir, log, pgliteThread });
        await migrateToLatest({ db: first.forSchema('alpha'), schema: 'alpha', migrations });
        await first
          .forSchema<NotesDb>('alpha')
          .insertInto('note')
          .values({ id: 1, body: 'x' })
          .execute();
        await first.close();
        const second = await createDb({ dataDir, log, pgliteThread });
        const rows = await second
          .forSchema<NotesDb>('alpha')
          .selectFrom('note')
          .select('id')
          .execute();
        await second.close();
        expect(rows).toEqual([{ id: 1 }]);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  },
);
