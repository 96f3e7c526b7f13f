import type { Context, Env, MiddlewareHandler } from 'hono';

/** A fixed-window request budget per key (client address, API key…). */
export interface RateLimitOptions<E extends Env> {
  readonly windowMs: number;
  readonly max: number;
  /** Who the budget belongs to. */
  readonly key: (c: Context<E>) => string;
  readonly now?: () => number;
}

/** Keys tracked at once; beyond this the oldest windows are dropped (bounded memory). */
const MAX_KEYS = 50_000;

/**
 * Answers 429 with `Retry-After` once a key has used its budget in the current window. The
 * counts live in this replica's memory: a first line against floods of one address. The
 * lock-out that protects passwords is in the database and holds across replicas.
 */
export function rateLimit<E extends Env>(options: RateLimitOptions<E>): MiddlewareHandler<E> {
  const { windowMs, max, key, now = Date.now } = options;
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const at = now();
    const id = key(c);
    let window = windows.get(id);
    if (!window || at - window.start >= windowMs) {
      windows.delete(id);
      if (windows.size >= MAX_KEYS) {
        const oldest = windows.keys().next();
        if (!oldest.done) windows.delete(oldest.value);
      }
      window = { start: at, count: 0 };
      windows.set(id, window);
    }
    window.count++;
    if (window.count > max) {
      const retryAfter = Math.ceil((window.start + windowMs - at) / 1000);
      c.header('Retry-After', String(Math.max(1, retryAfter)));
      return c.json({ error: { code: 'TOO_MANY_REQUESTS', message: 'slow down' } }, 429);
    }
    return next();
  };
}

/** Applies `limit` only to requests for which `when` holds. */
export function rateLimitWhen<E extends Env>(options: {
  when: (c: Context<E>) => boolean;
  limit: MiddlewareHandler<E>;
}): MiddlewareHandler<E> {
  return (c, next) => (options.when(c) ? options.limit(c, next) : next());
}
