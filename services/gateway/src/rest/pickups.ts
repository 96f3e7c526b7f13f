import type { Hono } from 'hono';
import { z } from 'zod';

import { dateSchema, donationSchema, idSchema, pickupSlotSchema } from '@anbu/contracts';
import { bookPickup, listPickupSlots } from '@anbu/contracts/rpc';

import type { RestEnv } from './env.js';
import type { RestRouteSpec } from './openapi.js';
import { donationOfKey } from './donation-of-key.js';
import { validate } from './validate.js';

const pickupSlotsQuery = z.object({ from: dateSchema, to: dateSchema });
const donationIdParams = z.object({ id: idSchema });

/** Booking a pickup: one of the slots `GET /pickup-slots` lists. */
export const bookPickupBodySchema = z.object({ pickupSlotId: idSchema });

/** The pickup routes of `/api/v1`: the slots dispatch offers, and booking one for a donation. */
export const PICKUP_REST_ROUTES = {
  listPickupSlots: {
    method: 'get',
    path: '/pickup-slots',
    summary: 'The pickup slots on offer between two days (Asia/Seoul), with the room left in each',
    query: pickupSlotsQuery,
    response: z.object({ items: z.array(pickupSlotSchema) }),
  },
  bookPickup: {
    method: 'post',
    path: '/donations/{id}/pickup',
    summary:
      'Book a pickup slot for one of your accepted donations (booking the same slot again changes nothing)',
    params: donationIdParams,
    body: bookPickupBodySchema,
    response: donationSchema,
    operationId: 'bookPickup',
  },
} as const satisfies Record<string, RestRouteSpec>;

/**
 * Mounts the pickup routes on the partner API (after its API-key and `Idempotency-Key`
 * middleware). Another organisation's donation answers like a missing one (403).
 */
export function mountPickupRoutes(api: Hono<RestEnv>): void {
  api.get('/pickup-slots', validate('query', PICKUP_REST_ROUTES.listPickupSlots.query), async (c) =>
    c.json(await c.var.call(listPickupSlots, c.req.valid('query'))),
  );

  api.post(
    '/donations/:id/pickup',
    validate('param', PICKUP_REST_ROUTES.bookPickup.params),
    validate('json', PICKUP_REST_ROUTES.bookPickup.body),
    async (c) => {
      const donationId = c.req.valid('param').id;
      await donationOfKey(c, donationId);
      const booked = await c.var.call(bookPickup, {
        donationId,
        pickupSlotId: c.req.valid('json').pickupSlotId,
      });
      return c.json(booked);
    },
  );
}
