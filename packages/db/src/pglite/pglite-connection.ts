import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

import type { Mutex } from './mutex.js';
import type { PGliteSession } from './pglite-session.js';

/**
 * One Kysely connection's turn on the shared PGlite session. The lock orders what is *sent*:
 * the session runs statements in the order they were sent, so a statement outside a
 * transaction gives the lock back as soon as it is sent, and the next caller's statement
 * queues right behind it instead of waiting for its answer (with PGlite in a worker, a round
 * trip to the other thread each). Inside a transaction the lock is held from `begin` to the
 * connection's release, so no other statement runs in between.
 */
export class PGliteConnection implements DatabaseConnection {
  readonly #session: PGliteSession;
  readonly #schema: string;
  readonly #mutex: Mutex;
  #release: (() => void) | undefined;
  #inTransaction = false;

  private constructor(options: { session: PGliteSession; schema: string; mutex: Mutex }) {
    this.#session = options.session;
    this.#schema = options.schema;
    this.#mutex = options.mutex;
  }

  /** Waits for the lock and answers a connection that holds it. */
  static async acquire(options: {
    session: PGliteSession;
    schema: string;
    mutex: Mutex;
  }): Promise<PGliteConnection> {
    const connection = new PGliteConnection(options);
    connection.#release = await options.mutex.lock();
    return connection;
  }

  /** From `begin` to {@link release}, the lock stays with this connection. */
  holdForTransaction(): void {
    this.#inTransaction = true;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // A pinned connection (`db.connection()`) that gave the lock back takes it again.
    this.#release ??= await this.#mutex.lock();
    let answer;
    try {
      answer = this.#session.query({
        schema: this.#schema,
        sql: compiledQuery.sql,
        params: compiledQuery.parameters,
      });
    } finally {
      if (!this.#inTransaction) this.release();
    }
    const { affectedRows, rows } = await answer;
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

  /** Gives the lock back (once), ending the connection's transaction hold. */
  release(): void {
    const release = this.#release;
    this.#release = undefined;
    this.#inTransaction = false;
    release?.();
  }
}
