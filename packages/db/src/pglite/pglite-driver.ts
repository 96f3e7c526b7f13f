import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  TransactionSettings,
} from 'kysely';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';

import type { PGliteSession } from './pglite-session.js';
import { Mutex } from './mutex.js';
import { PGliteConnection } from './pglite-connection.js';

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

/**
 * A Kysely driver over a {@link SharedPGlite}: every acquire takes the lock (see
 * {@link PGliteConnection}), so a transaction of one service never interleaves with statements
 * of another (Kysely's own PGlite driver assumes a single Kysely instance and does not lock);
 * each statement carries this schema, which the session puts on `search_path` before it runs.
 */
class SchemaBoundPGliteDriver implements Driver {
  readonly #shared: SharedPGlite;
  readonly #schema: string;

  constructor(shared: SharedPGlite, schema: string) {
    this.#shared = shared;
    this.#schema = schema;
  }

  init(): Promise<void> {
    // The session is open before any dialect is made.
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return PGliteConnection.acquire({
      session: this.#shared.session,
      schema: this.#schema,
      mutex: this.#shared.mutex,
    });
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    if (connection instanceof PGliteConnection) connection.holdForTransaction();
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

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof PGliteConnection) connection.release();
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
    // Not Kysely's PGliteAdapter: that one declares a single connection, and Kysely then waits
    // for each statement's answer before sending the next of the same schema. The lock here
    // keeps transactions whole; migrations take PostgreSQL's advisory lock in theirs.
    return new PostgresAdapter();
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
