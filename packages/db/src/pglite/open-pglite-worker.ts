import { Worker } from 'node:worker_threads';
import { messages } from '@electric-sql/pglite';

import type { PGliteSession, SessionQuery, SessionResult } from './pglite-session.js';
import type {
  SerializedError,
  WorkerReply,
  WorkerRequest,
  WorkerStart,
} from './worker-protocol.js';
import { PGliteWorkerExitedError } from '../errors.js';

/** The worker script beside this module: `.ts` when running from source, `.js` from `dist/`. */
function workerUrl(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './pglite-worker.ts' : './pglite-worker.js', here);
}

interface Pending {
  readonly query: SessionQuery | undefined;
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
}

/**
 * The error the caller sees: a PostgreSQL error becomes PGlite's `DatabaseError` again, with its
 * `code`, `detail`, `constraint`, … and the statement, as the in-thread session throws it.
 */
function rebuildError(error: SerializedError, query?: SessionQuery): Error {
  const rebuilt: Error = error.database
    ? new messages.DatabaseError(error.message, 0, 'error')
    : new Error(error.message);
  if (!error.database) rebuilt.name = error.name;
  Object.assign(rebuilt, error.fields);
  if (query) Object.assign(rebuilt, { query: query.sql, params: query.params });
  return rebuilt;
}

/**
 * Opens PGlite in a worker thread and answers a {@link PGliteSession} that sends it each
 * statement (SQL, parameters and schema) over the worker's message port. PostgreSQL's work and
 * the protocol parsing then run off this thread; rows come back by structured clone (`Date`,
 * `Uint8Array`, `bigint` and JSON values keep their types). The worker holds the process open
 * only while a statement is in flight, like the in-thread instance.
 * @example
 * const session = await openPGliteWorker({ dataDir: 'memory://' });
 * const { rows } = await session.query({ schema: 'public', sql: 'select 1 as one', params: [] });
 */
export async function openPGliteWorker(options: { dataDir: string }): Promise<PGliteSession> {
  const worker = new Worker(workerUrl(), {
    workerData: { dataDir: options.dataDir } satisfies WorkerStart,
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited: Error | undefined;

  const settleAll = (error: Error) => {
    exited ??= error;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => settleAll(new PGliteWorkerExitedError({}, { cause: error })));
  worker.on('exit', (code) => settleAll(new PGliteWorkerExitedError({ exitCode: code })));

  await new Promise<void>((resolve, reject) => {
    const onReply = (reply: WorkerReply) => {
      worker.off('message', onReply);
      if (reply.kind === 'ready') resolve();
      else if (reply.kind === 'open-failed') reject(rebuildError(reply.error));
    };
    worker.on('message', onReply);
    worker.once('exit', (code) => reject(new PGliteWorkerExitedError({ exitCode: code })));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  worker.on('message', (reply: WorkerReply) => {
    if (!('id' in reply)) return;
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    // Idle, the worker must not keep the process alive (the in-thread instance does not).
    if (pending.size === 0) worker.unref();
    entry.resolve(reply);
  });
  worker.unref();

  const send = (request: WorkerRequest, query?: SessionQuery): Promise<WorkerReply> => {
    if (exited) return Promise.reject(exited);
    return new Promise<WorkerReply>((resolve, reject) => {
      // Posting throws for a parameter the structured clone cannot copy (a function, …).
      worker.postMessage(request);
      if (pending.size === 0) worker.ref();
      pending.set(request.id, { query, resolve, reject });
    });
  };

  let closing: Promise<void> | undefined;
  return {
    async query(query: SessionQuery): Promise<SessionResult> {
      if (closing) throw new PGliteWorkerExitedError({ closed: true });
      const reply = await send({ kind: 'query', id: nextId++, ...query }, query);
      if (reply.kind === 'failed') throw rebuildError(reply.error, query);
      if (reply.kind !== 'result') throw new Error(`unexpected worker reply ${reply.kind}`);
      return { rows: reply.rows, affectedRows: reply.affectedRows };
    },
    close(): Promise<void> {
      closing ??= (async () => {
        // Statements already sent run first: the worker answers them in order.
        if (!exited) await send({ kind: 'close', id: nextId++ }).catch(() => undefined);
        await worker.terminate();
      })();
      return closing;
    },
  };
}
