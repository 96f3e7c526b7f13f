import { PGliteWorkerExitedError } from './errors.js';

/** Socket errors of a server that is down, restarting or unreachable. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that cannot take work now: shutdown or crash of the server (57P01–57P03),
 * too many connections (53300). Class 08 (connection exception) is matched by prefix.
 */
const UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

/** Errors `pg` throws without a code when the connection dies or the pool cannot connect. */
const UNAVAILABLE_MESSAGES: readonly RegExp[] = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
];

/**
 * True when an error means "the database cannot be reached right now" (refused or lost
 * connection, server shutting down or starting up, the embedded worker gone), as opposed to a
 * bad statement or a broken constraint. Callers answer such errors with "unavailable, retry"
 * rather than an internal error. Looks through `cause` chains and `AggregateError`s (Node's
 * connect tries every address of `localhost`).
 * @example
 * catch (error) { if (isDatabaseUnavailable(error)) throw new RpcError('UNAVAILABLE', '…'); }
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!(next instanceof Error) || seen.has(next)) continue;
    seen.add(next);
    if (matches(next)) return true;
    if (next instanceof AggregateError) pending.push(...(next.errors as unknown[]));
    pending.push(next.cause);
  }
  return false;
}

function matches(error: Error): boolean {
  if (error instanceof PGliteWorkerExitedError) return true;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
}
