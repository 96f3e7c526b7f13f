import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';

import type { GatewayDeps } from '../deps.js';
import type { RestEnv } from './env.js';
import { clientAddress } from '../http/client-address.js';
import { apiKeyAuth } from './api-key-auth.js';
import { restError, restErrorHandler } from './errors.js';
import { requireIdempotencyKey } from './idempotency.js';
import { openApiDocument } from './openapi.js';
import { REST_ROUTES } from './routes.js';

function recordClientAddress(trustProxy: boolean): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    c.set('ip', clientAddress(c, { trustProxy }));
    return next();
  };
}

/**
 * The partner REST API (`/api/v1`): API-key authentication, `Idempotency-Key` on mutations,
 * inputs validated with the contracts schemas, errors in one shape through `onError`.
 */
export function createRestApi(deps: GatewayDeps) {
  const document = openApiDocument(Object.values(REST_ROUTES));
  const api = new Hono<RestEnv>();

  api.onError(restErrorHandler(deps.log));
  api.notFound((c) => restError(c, { status: 404, code: 'NOT_FOUND', message: 'no such route' }));

  // The document is public, so that partners and tools can read it before they have a key.
  api.get('/openapi.json', (c) => c.json(document));

  api.use('*', recordClientAddress(deps.trustProxy));
  api.use('*', apiKeyAuth({ db: deps.db, now: deps.now }));
  api.use('*', requireIdempotencyKey());

  api.get('/me', (c) => {
    const key = c.var.apiKey;
    return c.json(
      REST_ROUTES.me.response.parse({
        organisationId: key.organisationId,
        apiKey: { id: key.id, prefix: key.prefix, name: key.name },
      }),
    );
  });

  return api;
}
