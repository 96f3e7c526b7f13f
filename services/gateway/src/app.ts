import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';

import { isDatabaseUnavailable } from '@anbu/db';

import type { GatewayOptions } from './deps.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import { resolveDeps } from './deps.js';
import { checkServices } from './health/check-services.js';
import { clientAddress } from './http/client-address.js';
import { rateLimit, rateLimitWhen } from './http/rate-limit.js';
import { sameOriginOnly } from './http/same-origin.js';
import { createRestApi } from './rest/v1.js';
import { createContext } from './trpc/context.js';
import { DATABASE_UNAVAILABLE_MESSAGE, RETRY_AFTER_SECONDS } from './trpc/errors.js';
import { appRouter } from './trpc/root.js';
import { serveWeb } from './web/serve-web.js';

/** Most tRPC calls in one batched request (the client's `maxItems` must not exceed it). */
export const MAX_TRPC_BATCH_SIZE = 20;

/**
 * The gateway's HTTP app, without `listen()`: tRPC at `/trpc`, partner REST at `/api/v1`,
 * `/healthz` and `/readyz`, and the web app at `/`.
 * @example
 * const app = createApp({ db, bus, log, webDistDir: '../../web/dist' });
 * const res = await app.request('/healthz');
 */
export function createApp(options: GatewayOptions) {
  const deps = resolveDeps(options);
  const throttle = createLoginThrottle({ db: deps.db, policy: deps.loginThrottle });
  const app = new Hono();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Leaflet positions tiles and markers with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles come from a tile server; data: for Leaflet's marker icons.
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      xFrameOptions: 'DENY',
      strictTransportSecurity: deps.cookieSecure ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: (c) =>
        c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' } }, 413),
    }),
  );
  app.use('*', sameOriginOnly({ trustProxy: deps.trustProxy }));
  // Every 503 (a database or a service down) tells the client when to try again.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status === 503 && !c.res.headers.has('retry-after')) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    }
  });

  app.onError((err, c) => {
    if (isDatabaseUnavailable(err)) {
      deps.log.warn({ err, path: c.req.path }, 'database unavailable');
      return c.json(
        { error: { code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE } },
        503,
      );
    }
    deps.log.error({ err, path: c.req.path }, 'request failed');
    return c.json(
      { error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal server error' } },
      500,
    );
  });

  app.get('/healthz', async (c) => {
    const report = await checkServices({ bus: deps.bus, timeoutMs: deps.healthTimeoutMs });
    c.header('Cache-Control', 'no-store');
    return c.json(report, report.status === 'ok' ? 200 : 503);
  });

  // Ready = this replica can serve: its database answers. Services are /healthz's business.
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ready' });
    } catch (err) {
      deps.log.warn({ err }, 'not ready: database unreachable');
      return c.json({ status: 'not_ready' }, 503);
    }
  });

  // Sign-in is the one public procedure that costs real CPU (Argon2id): budget it per address.
  // Batched calls name it in the path list (`/trpc/auth.me,auth.login`).
  app.use(
    '/trpc/*',
    rateLimitWhen({
      when: (c) => c.req.path.includes('auth.login'),
      limit: rateLimit({
        windowMs: 60_000,
        max: deps.rateLimits.loginPerMinute,
        key: (c) => clientAddress(c, { trustProxy: deps.trustProxy }),
        now: () => deps.now().getTime(),
      }),
    }),
  );
  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      // The web app batches the calls of one render; more than this in one request is abuse.
      maxBatchSize: MAX_TRPC_BATCH_SIZE,
      createContext: (opts, c) =>
        createContext({
          deps,
          throttle,
          req: opts.req,
          resHeaders: opts.resHeaders,
          meta: {
            ip: clientAddress(c, { trustProxy: deps.trustProxy }),
            userAgent: c.req.header('user-agent') ?? '',
            idempotencyKey: c.req.header('idempotency-key'),
          },
        }),
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          deps.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        }
      },
    }),
  );

  app.route('/api/v1', createRestApi(deps));
  // An unknown API path is a JSON 404, never the web app's index.html.
  app.all('/api/*', (c) => c.json({ error: { code: 'NOT_FOUND', message: 'no such route' } }, 404));

  app.get('*', serveWeb(deps.webDistDir));

  return app;
}
