import type { Context, Env } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address: the first `X-Forwarded-For` hop behind a trusted proxy, else the
 * socket's peer. `unknown` when neither is known (in-process requests in tests).
 */
export function clientAddress<E extends Env>(
  c: Context<E>,
  options: { trustProxy: boolean },
): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not running under @hono/node-server (app.request() in tests): there is no socket.
    return 'unknown';
  }
}
