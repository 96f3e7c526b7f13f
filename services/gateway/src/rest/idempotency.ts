import type { MiddlewareHandler } from 'hono';

import type { RestEnv } from './env.js';
import { restError } from './errors.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Accepted keys: 8–200 characters of letters, digits and `-_.:` (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

/**
 * Requires an `Idempotency-Key` header on every mutation (400 when missing or malformed) and
 * stores it scoped to the API key, so two partners choosing the same key never collide.
 */
export function requireIdempotencyKey(): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    if (!MUTATIONS.has(c.req.method)) {
      c.set('idempotencyKey', undefined);
      return next();
    }
    const key = c.req.header('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return restError(c, {
        status: 400,
        code: 'BAD_REQUEST',
        message: 'an Idempotency-Key header (8-200 characters of A-Z a-z 0-9 . _ : -) is required',
        fieldErrors: [{ path: 'headers.idempotency-key', message: key ? 'malformed' : 'required' }],
      });
    }
    c.set('idempotencyKey', `api_key:${c.var.apiKey.id}:${key}`);
    return next();
  };
}
