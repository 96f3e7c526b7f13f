import type { PGlite } from '@electric-sql/pglite';
import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { CompiledQuery, PGliteAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';

import { Mutex } from './mutex.js';

/**
 * The single PGlite session all embedded services share, with the lock that serialises it and
 * the `search_path` it currently has.
 */
export class SharedPGlite {
  readonly pglite: PGlite;
  readonly mutex = new Mutex();
  /** The schema `search_path` points at now; switched only when another service takes a turn. */
  currentSchema: string | undefined;

  constructor(pglite: PGlite) {
    this.pglite = pglite;
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { affectedRows, rows } = await this.#pglite.query<R>(
      compiledQuery.sql,
      [...compiledQuery.parameters],
      { rowMode: 'object' },
    );
    return {
      numAffectedRows: affectedRows === undefined ? undefined : BigInt(affectedRows),
      rows,
    };
  }

  // Kysely's interface requires the generator; PGlite cannot stream.
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    await Promise.resolve();
    throw new Error('streaming is not supported by PGlite');
  }
}

/**
 * A Kysely driver over a {@link SharedPGlite}: every acquire takes the lock, so a transaction of
 * one service never interleaves with queries of another (Kysely's own PGlite driver assumes a
 * single Kysely instance and does not lock), and it points `search_path` at this schema.
 */
class SchemaBoundPGliteDriver implements Driver {
  readonly #shared: SharedPGlite;
  readonly #schema: string;
  readonly #connection: PGliteConnection;
  #release: (() => void) | undefined;

  constructor(shared: SharedPGlite, schema: string) {
    this.#shared = shared;
    this.#schema = schema;
    this.#connection = new PGliteConnection(shared.pglite);
  }

  async init(): Promise<void> {
    await this.#shared.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#shared.mutex.lock();
    try {
      if (this.#shared.currentSchema !== this.#schema) {
        await this.#shared.pglite.query(`SET search_path TO "${this.#schema}"`);
        this.#shared.currentSchema = this.#schema;
      }
    } catch (error) {
      release();
      throw error;
    }
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    let sql = 'begin';
    if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) sql += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(sql));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    // The shared instance belongs to the DbHandle, which closes it once for every schema.
  }
}

/** A Kysely dialect for one service schema on the shared embedded PGlite. */
export class SchemaBoundPGliteDialect implements Dialect {
  readonly #shared: SharedPGlite;
  readonly #schema: string;

  constructor(shared: SharedPGlite, schema: string) {
    this.#shared = shared;
    this.#schema = schema;
  }

  createAdapter(): DialectAdapter {
    return new PGliteAdapter();
  }

  createDriver(): Driver {
    return new SchemaBoundPGliteDriver(this.#shared, this.#schema);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
