import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';

import type { Bus } from '@anbu/bus';
import { listDonations, postDonation } from '@anbu/contracts/rpc';

import type { GatewayDeps } from '../deps.js';
import type { RestEnv } from './env.js';
import { clientAddress } from '../http/client-address.js';
import { rateLimit } from '../http/rate-limit.js';
import { apiKeyAuth } from './api-key-auth.js';
import { donationOfKey } from './donation-of-key.js';
import { restError, restErrorHandler } from './errors.js';
import { requireIdempotencyKey } from './idempotency.js';
import { openApiDocument } from './openapi.js';
import { mountPickupRoutes } from './pickups.js';
import { REST_ROUTES } from './routes.js';
import { mountSignalRoutes } from './signals.js';
import { validate } from './validate.js';

/** `c.var.call(rpc, input)`: calls a service as the API key, with the scoped idempotency key. */
function bindServiceCalls(bus: Bus): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    const actor = c.var.actor;
    const idempotencyKey = c.var.idempotencyKey;
    c.set('call', (rpc, input) =>
      bus.request(rpc, input, { actor, ...(idempotencyKey ? { idempotencyKey } : {}) }),
    );
    return next();
  };
}

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
  // Per address before the key is checked (guessing keys costs a database read each), then
  // per key, so that one partner's burst does not eat another's budget behind the same proxy.
  const budget = {
    windowMs: 60_000,
    max: deps.rateLimits.restPerMinute,
    now: () => deps.now().getTime(),
  };
  api.use('*', rateLimit<RestEnv>({ ...budget, key: (c) => c.var.ip }));
  api.use('*', apiKeyAuth({ db: deps.db, now: deps.now }));
  api.use('*', rateLimit<RestEnv>({ ...budget, key: (c) => c.var.apiKey.id }));
  api.use('*', requireIdempotencyKey());
  api.use('*', bindServiceCalls(deps.bus));

  api.get('/me', (c) => {
    const key = c.var.apiKey;
    return c.json(
      REST_ROUTES.me.response.parse({
        organisationId: key.organisationId,
        apiKey: { id: key.id, prefix: key.prefix, name: key.name },
      }),
    );
  });

  api.get('/donations', validate('query', REST_ROUTES.listDonations.query), async (c) => {
    const { status, ...page } = c.req.valid('query');
    const actor = c.var.actor;
    // A partner lists its own organisation's donations, whatever it asks for.
    const result = await c.var.call(listDonations, {
      ...page,
      organisationId: actor.organisationId,
      ...(status ? { statuses: [status] } : {}),
    });
    return c.json(result);
  });

  api.post('/donations', validate('json', REST_ROUTES.postDonation.body), async (c) => {
    const donation = await c.var.call(postDonation, c.req.valid('json'));
    return c.json(donation, 201);
  });

  // Another organisation's donation answers like a missing one (403): existence is not revealed.
  api.get('/donations/:id', validate('param', REST_ROUTES.getDonation.params), async (c) =>
    c.json(await donationOfKey(c, c.req.valid('param').id)),
  );

  mountPickupRoutes(api);
  mountSignalRoutes(api);

  return api;
}
