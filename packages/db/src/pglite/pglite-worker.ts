/**
 * The worker thread that owns the embedded PGlite instance, so that PostgreSQL (WASM, which runs
 * synchronously) and the wire protocol's parsing never block the services' event loop. It runs
 * the requests of {@link openPGliteWorker} one at a time, in the order they arrive.
 *
 * Imports nothing relative statically at run time (only types): started from source, Node loads
 * this file with its built-in type stripping, which does not map `./x.js` to `./x.ts`; the
 * timestamp parsers are imported by URL, `.ts` or `.js` like the worker itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite } from '@electric-sql/pglite';

import type * as TimestampParser from './timestamp-parser.js';
import type {
  SerializedError,
  WorkerReply,
  WorkerRequest,
  WorkerStart,
} from './worker-protocol.js';

/** The sibling module's timestamp parsers: `.ts` when running from source, `.js` from `dist/`. */
async function loadParsers(): Promise<typeof TimestampParser.PGLITE_PARSERS> {
  const here = import.meta.url;
  const url = new URL(
    here.endsWith('.ts') ? './timestamp-parser.ts' : './timestamp-parser.js',
    here,
  );
  return ((await import(url.href)) as typeof TimestampParser).PGLITE_PARSERS;
}

function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) {
    return { name: 'Error', message: String(error), database: false, fields: {} };
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(error)) {
    // The SQL comes back from the client's own copy; `name` travels on its own.
    if (typeof value === 'string' && key !== 'query' && key !== 'name') fields[key] = value;
  }
  return {
    name: error.name,
    message: error.message,
    database: error instanceof messages.DatabaseError,
    fields,
  };
}

async function serve(port: NonNullable<typeof parentPort>, start: WorkerStart): Promise<void> {
  let pglite: PGlite;
  let parsers: typeof TimestampParser.PGLITE_PARSERS;
  try {
    parsers = await loadParsers();
    pglite = await PGlite.create(start.dataDir);
  } catch (error) {
    port.postMessage({ kind: 'open-failed', error: serializeError(error) } satisfies WorkerReply);
    return;
  }
  // The schema `search_path` points at now: switched only when another service's query comes.
  let currentSchema: string | undefined;

  const handle = async (request: WorkerRequest): Promise<WorkerReply> => {
    switch (request.kind) {
      case 'query': {
        try {
          if (currentSchema !== request.schema) {
            await pglite.query(`SET search_path TO "${request.schema}"`);
            currentSchema = request.schema;
          }
          const { rows, affectedRows } = await pglite.query<unknown>(
            request.sql,
            [...request.params],
            { rowMode: 'object', parsers },
          );
          return { kind: 'result', id: request.id, rows, affectedRows };
        } catch (error) {
          return { kind: 'failed', id: request.id, error: serializeError(error) };
        }
      }
      case 'close': {
        if (!pglite.closed) await pglite.close();
        return { kind: 'closed', id: request.id };
      }
    }
  };

  // One request at a time, in arrival order: PGlite has a single session.
  let queue = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      const reply = await handle(request);
      try {
        port.postMessage(reply);
      } catch (error) {
        // A row the structured clone cannot copy: answer with the reason instead of the rows.
        port.postMessage({
          kind: 'failed',
          id: request.id,
          error: serializeError(error),
        } satisfies WorkerReply);
      }
      if (reply.kind === 'closed') port.close();
    });
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerReply);
}

if (parentPort) void serve(parentPort, workerData as WorkerStart);
