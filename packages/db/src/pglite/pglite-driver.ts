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

import type { PGliteSession } from './pglite-session.js';
import { Mutex } from './mutex.js';

/**
 * The single PGlite session all embedded services share (in this thread or in a worker), with
 * the lock that gives each Kysely connection its turn.
 */
export class SharedPGlite {
  readonly session: PGliteSession;
  readonly mutex = new Mutex();

  constructor(session: PGliteSession) {
    this.session = session;
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #session: PGliteSession;
  readonly #schema: string;

  constructor(session: PGliteSession, schema: string) {
    this.#session = session;
    this.#schema = schema;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { affectedRows, rows } = await this.#session.query({
      schema: this.#schema,
      sql: compiledQuery.sql,
      params: compiledQuery.parameters,
    });
    return {
      numAffectedRows: affectedRows === undefined ? undefined : BigInt(affectedRows),
      rows: rows as R[],
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
 * single Kysely instance and does not lock); each statement carries this schema, which the
 * session puts on `search_path` before running it.
 */
class SchemaBoundPGliteDriver implements Driver {
  readonly #shared: SharedPGlite;
  readonly #connection: PGliteConnection;
  #release: (() => void) | undefined;

  constructor(shared: SharedPGlite, schema: string) {
    this.#shared = shared;
    this.#connection = new PGliteConnection(shared.session, schema);
  }

  init(): Promise<void> {
    // The session is open before any dialect is made.
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#shared.mutex.lock();
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
