import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

import type { Logger } from './logger.js';
import type { PGliteSession } from './pglite/pglite-session.js';
import { DbOpenError, InvalidSchemaNameError } from './errors.js';
import { openPGliteWorker } from './pglite/open-pglite-worker.js';
import { SchemaBoundPGliteDialect, SharedPGlite } from './pglite/pglite-driver.js';
import { inThreadSession } from './pglite/pglite-session.js';

/** Where the embedded database lives when no URL is given. */
export const DEFAULT_DATA_DIR = './.anbu/data';
/** Connections per service schema in a `pg` pool. */
export const DEFAULT_POOL_SIZE = 10;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface CreateDbOptions {
  /** A `postgres://` URL: use PostgreSQL through `pg`. Without it, embedded PGlite. */
  readonly url?: string | undefined;
  /** PGlite data folder (default {@link DEFAULT_DATA_DIR}); `memory://` keeps it in memory. */
  readonly dataDir?: string | undefined;
  /**
   * Where PGlite runs (PGlite only): `'worker'` in a worker thread, so that PostgreSQL's work never
   * blocks this event loop (a server answering HTTP: the embedded mode); `'main'` (default) in
   * this thread, quicker to open (unit tests).
   */
  readonly pgliteThread?: 'main' | 'worker' | undefined;
  /** Connections per schema pool (pg only; default {@link DEFAULT_POOL_SIZE}). */
  readonly poolSize?: number | undefined;
  readonly log: Logger;
}

/**
 * One open database (a PGlite instance or a PostgreSQL server) from which each service gets a
 * Kysely bound to its own schema. Close it once, after every service has stopped.
 */
export interface DbHandle extends AsyncDisposable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * A Kysely whose `search_path` is `schema` (raw SQL resolves there too). The schema is
   * created by the service's migrations. Calls with the same schema return the same instance.
   */
  forSchema<DB>(schema: string): Kysely<DB>;
  /** Closes the pools or the PGlite instance. */
  close(): Promise<void>;
}

/**
 * Opens the database: PostgreSQL when `url` is set, else PGlite in `dataDir`.
 * @example
 * const handle = await createDb({ url: env.DATABASE_URL, dataDir: env.ANBU_DATA_DIR, log });
 * const db = handle.forSchema<HouseholdsDatabase>('households');
 */
export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options);
}

function checkSchema(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new InvalidSchemaNameError(schema);
}

async function openPGlite(options: CreateDbOptions): Promise<DbHandle> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir.startsWith('memory://');
  const thread = options.pgliteThread ?? 'main';
  let session: PGliteSession;
  try {
    if (!inMemory) mkdirSync(resolve(dataDir), { recursive: true });
    const location = inMemory ? dataDir : resolve(dataDir);
    session =
      thread === 'worker'
        ? await openPGliteWorker({ dataDir: location })
        : inThreadSession(await PGlite.create(location));
  } catch (error) {
    throw new DbOpenError(`could not open PGlite in ${dataDir}`, { cause: error });
  }
  options.log.info({ dataDir, kind: 'pglite', thread }, 'database opened');
  const shared = new SharedPGlite(session);
  const instances = new Map<string, Kysely<unknown>>();
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      instances.clear();
      // Take the lock so that a transaction in flight finishes before the instance closes.
      const release = await shared.mutex.lock();
      try {
        await session.close();
      } finally {
        release();
      }
    })();
    return closing;
  };
  return Object.freeze({
    kind: 'pglite' as const,
    forSchema<DB>(schema: string): Kysely<DB> {
      checkSchema(schema);
      let db = instances.get(schema);
      if (!db) {
        db = new Kysely<unknown>({ dialect: new SchemaBoundPGliteDialect(shared, schema) });
        instances.set(schema, db);
      }
      return db as Kysely<DB>;
    },
    close,
    [Symbol.asyncDispose]: close,
  });
}

async function openPostgres(url: string, options: CreateDbOptions): Promise<DbHandle> {
  // Fail at start, with the URL's host named, rather than at the first query.
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
  } catch (error) {
    await probe.end().catch(() => undefined);
    throw new DbOpenError(`could not connect to PostgreSQL at ${redact(url)}`, { cause: error });
  }
  options.log.info({ url: redact(url), kind: 'postgres' }, 'database opened');
  const instances = new Map<string, Kysely<unknown>>();
  const close = async () => {
    const all = [...instances.values()];
    instances.clear();
    await Promise.all(all.map((db) => db.destroy()));
  };
  return Object.freeze({
    kind: 'postgres' as const,
    forSchema<DB>(schema: string): Kysely<DB> {
      checkSchema(schema);
      let db = instances.get(schema);
      if (!db) {
        const pool = new pg.Pool({
          connectionString: url,
          max: options.poolSize ?? DEFAULT_POOL_SIZE,
          options: `-c search_path=${schema}`,
        });
        pool.on('error', (error) => {
          options.log.error({ err: error, schema }, 'idle PostgreSQL connection failed');
        });
        // A connection that dies while checked out (PostgreSQL killed mid-query) emits 'error'
        // on the client: without a listener that is an unhandled event that ends the process.
        // The query in flight still fails and its caller answers; the pool drops the client.
        pool.on('connect', (client) => {
          client.on('error', (error) => {
            options.log.error({ err: error, schema }, 'PostgreSQL connection failed');
          });
        });
        db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
        instances.set(schema, db);
      }
      return db as Kysely<DB>;
    },
    close,
    [Symbol.asyncDispose]: close,
  });
}

/** The URL without its password, for logs and error messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}
