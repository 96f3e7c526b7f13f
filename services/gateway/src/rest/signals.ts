import type { Hono } from 'hono';

import { checkInSignalInputSchema, checkInSignalSchema, idSchema } from '@anbu/contracts';
import { ingestSignal } from '@anbu/contracts/rpc';

import type { RestEnv } from './env.js';
import type { RestRouteSpec } from './openapi.js';
import { validate } from './validate.js';

/**
 * When a feed may say it observed a signal: from 2000 to 2100. An ISO instant of year 20 is
 * valid text but is read back from PostgreSQL as an invalid date (schemathesis found the 500).
 */
const observedAtSchema = checkInSignalInputSchema.shape.observedAt.refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 2000 && year < 2100;
}, 'observedAt must be between 2000 and 2100');

/** A check-in signal as a feed posts it: `household` is the Anbu household id. */
export const signalBodySchema = checkInSignalInputSchema
  .omit({ householdId: true })
  .extend({ household: idSchema, observedAt: observedAtSchema });

/** The check-in signal routes of `/api/v1`, documented in the OpenAPI document. */
export const SIGNAL_REST_ROUTES = {
  postSignal: {
    method: 'post',
    path: '/signals',
    summary:
      'Post a check-in signal from a feed (AI call, phone inactivity, smart plug, sensor). Each feed uses its own API key. The source retry policy decides when silence becomes an alert; `ok` clears.',
    body: signalBodySchema,
    response: checkInSignalSchema,
    status: 201,
  },
} as const satisfies Record<string, RestRouteSpec>;

/**
 * Mounts `POST /signals` on the partner API (after its API-key and `Idempotency-Key`
 * middleware): validated with the contracts schema, ingested by care's `signal.ingest` as the
 * feed's key, so a repeated key returns the signal recorded the first time.
 */
export function mountSignalRoutes(api: Hono<RestEnv>): void {
  api.post('/signals', validate('json', SIGNAL_REST_ROUTES.postSignal.body), async (c) => {
    const { household, ...signal } = c.req.valid('json');
    const recorded = await c.var.call(ingestSignal, { ...signal, householdId: household });
    return c.json(recorded, 201);
  });
}
