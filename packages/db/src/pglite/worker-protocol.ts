/**
 * The messages between {@link openPGliteWorker}'s client and the worker thread that owns the
 * PGlite instance (`pglite-worker.ts`). Types only: the worker imports nothing relative at run
 * time, so Node can load its `.ts` source directly when tests run from source.
 */

/** What the worker is started with (`workerData`). */
export interface WorkerStart {
  /** A folder, or `memory://`. */
  readonly dataDir: string;
}

/** One statement on the session, after `search_path` points at `schema`. */
export interface QueryRequest {
  readonly kind: 'query';
  readonly id: number;
  readonly schema: string;
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Close the instance; the worker answers, then exits. */
export interface CloseRequest {
  readonly kind: 'close';
  readonly id: number;
}

export type WorkerRequest = QueryRequest | CloseRequest;

/**
 * A PostgreSQL error's fields (those of PGlite's `DatabaseError`), which structured cloning
 * would drop: the client rebuilds the error from them.
 */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  /** Whether it was a PostgreSQL `DatabaseError` (rather than any other failure). */
  readonly database: boolean;
  /** Its string fields (`code`, `detail`, `constraint`, `table`, …). */
  readonly fields: Readonly<Record<string, string>>;
}

export type WorkerReply =
  | {
      readonly kind: 'result';
      readonly id: number;
      readonly rows: unknown[];
      readonly affectedRows: number | undefined;
    }
  | { readonly kind: 'failed'; readonly id: number; readonly error: SerializedError }
  | { readonly kind: 'closed'; readonly id: number }
  | { readonly kind: 'ready' }
  | { readonly kind: 'open-failed'; readonly error: SerializedError };
