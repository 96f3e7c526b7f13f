import type { MiddlewareHandler } from 'hono';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another origin (403). With the
 * SameSite=Lax cookie this closes cross-site request forgery; the gateway sends no CORS
 * headers, so foreign origins cannot read answers either. Requests without `Origin` (partner
 * systems, curl) are let through: they carry no ambient cookie of ours.
 */
export function sameOriginOnly(options: { trustProxy: boolean }): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    // Behind a trusted proxy that rewrites Host, the public host is in X-Forwarded-Host.
    const hosts = [
      c.req.header('host') ?? new URL(c.req.url).host,
      ...(options.trustProxy ? [c.req.header('x-forwarded-host')] : []),
    ];
    const originHost = origin === undefined ? undefined : safeHost(origin);
    const foreignOrigin = origin !== undefined && origin !== 'null' && !hosts.includes(originHost);
    if (site === 'cross-site' || foreignOrigin || origin === 'null') {
      return c.json({ error: { code: 'FORBIDDEN', message: 'cross-origin request refused' } }, 403);
    }
    return next();
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
