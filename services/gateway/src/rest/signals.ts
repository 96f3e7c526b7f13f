import type { Hono } from 'hono';

import type { SignalSource } from '@anbu/contracts';
import { checkInSignalInputSchema, checkInSignalSchema, idSchema } from '@anbu/contracts';
import { ingestSignal } from '@anbu/contracts/rpc';

import type { ApiKeyInfo } from '../auth/api-keys.js';
import type { RestEnv } from './env.js';
import type { RestRouteSpec } from './openapi.js';
import { restError } from './errors.js';
import { validate } from './validate.js';

/** A check-in signal as a feed posts it: `household` is the Anbu household id. */
export const signalBodySchema = checkInSignalInputSchema
  .omit({ householdId: true })
  .extend({ household: idSchema });

/** The check-in signal routes of `/api/v1`, documented in the OpenAPI document. */
export const SIGNAL_REST_ROUTES = {
  postSignal: {
    method: 'post',
    path: '/signals',
    summary:
      "Post a check-in signal from a feed (AI call, phone inactivity, smart plug, sensor). Each feed uses its own API key, issued for its source: a signal whose `source` is not the key's feed (or sent with a key issued for no feed) is refused with 403 naming `source`. The source retry policy decides when silence becomes an alert; `ok` clears.",
    body: signalBodySchema,
    response: checkInSignalSchema,
    status: 201,
  },
} as const satisfies Record<string, RestRouteSpec>;

/**
 * Why a key may not post a signal of `source`: every feed has its own key, bound to its source
 * when issued, so a leaked smart-plug key cannot raise (or clear) AI-call episodes.
 */
export function feedRefusal(apiKey: ApiKeyInfo, source: SignalSource): string | undefined {
  if (apiKey.signalSource === undefined)
    return 'this API key is not issued for a check-in feed: use the key of the feed';
  if (apiKey.signalSource !== source)
    return `this API key is the ${apiKey.signalSource} feed's: it posts ${apiKey.signalSource} signals only`;
  return undefined;
}

/**
 * Mounts `POST /signals` on the partner API (after its API-key and `Idempotency-Key`
 * middleware): validated with the contracts schema, refused unless the key is the feed's of
 * that `source` ({@link feedRefusal}), ingested by care's `signal.ingest` as the feed's key, so
 * a repeated key returns the signal recorded the first time.
 */
export function mountSignalRoutes(api: Hono<RestEnv>): void {
  api.post('/signals', validate('json', SIGNAL_REST_ROUTES.postSignal.body), async (c) => {
    const { household, ...signal } = c.req.valid('json');
    const refusal = feedRefusal(c.var.apiKey, signal.source);
    if (refusal) {
      return restError(c, {
        status: 403,
        code: 'FORBIDDEN',
        message: refusal,
        fieldErrors: [{ path: 'source', message: refusal }],
      });
    }
    const recorded = await c.var.call(ingestSignal, { ...signal, householdId: household });
    return c.json(recorded, 201);
  });
}
