import type { PGlite } from '@electric-sql/pglite';

import { PGLITE_PARSERS } from './timestamp-parser.js';

/** One statement for {@link PGliteSession.query}. */
export interface SessionQuery {
  /** The service schema `search_path` must point at while it runs. */
  readonly schema: string;
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Rows in object form, and how many rows a write touched. */
export interface SessionResult {
  readonly rows: unknown[];
  readonly affectedRows: number | undefined;
}

/**
 * The single PGlite session every embedded service shares: in this thread
 * ({@link inThreadSession}) or in a worker thread ({@link openPGliteWorker}). It runs one
 * statement at a time, in the order of the `query` calls; the driver's lock decides that order
 * (a transaction's statements together).
 */
export interface PGliteSession {
  /** Queues the statement behind those already called (synchronously) and answers its rows. */
  query(query: SessionQuery): Promise<SessionResult>;
  /** Closes the instance (and ends the worker); later queries fail. */
  close(): Promise<void>;
}

/**
 * A session on a PGlite instance of this thread: simple and quick to open (tests), but each
 * statement runs PostgreSQL synchronously on the caller's event loop.
 */
export function inThreadSession(pglite: PGlite): PGliteSession {
  // The schema `search_path` points at now: switched only when another service takes a turn.
  let currentSchema: string | undefined;
  const run = async ({ schema, sql, params }: SessionQuery): Promise<SessionResult> => {
    if (currentSchema !== schema) {
      await pglite.query(`SET search_path TO "${schema}"`);
      currentSchema = schema;
    }
    const { rows, affectedRows } = await pglite.query<unknown>(sql, [...params], {
      rowMode: 'object',
      parsers: PGLITE_PARSERS,
    });
    return { rows, affectedRows };
  };
  // Each statement (with its `search_path` switch) starts when the one called before it ends.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query(query) {
      const answer = tail.then(() => run(query));
      tail = answer.catch(() => undefined);
      return answer;
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
