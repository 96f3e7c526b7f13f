import { z } from 'zod';

import { donationInputSchema, donationSchema, donationStatusSchema } from '@anbu/contracts';

import type { RestRouteSpec } from './openapi.js';
import { PICKUP_REST_ROUTES } from './pickups.js';
import { SIGNAL_REST_ROUTES } from './signals.js';

/** The identity behind an API key. */
export const meResponseSchema = z.object({
  organisationId: z.uuid(),
  apiKey: z.object({ id: z.uuid(), prefix: z.string(), name: z.string() }),
});

const donationIdParams = z.object({ id: z.uuid() });

/** Query strings carry text: numbers are coerced, arrays are a single value. */
const listDonationsQuery = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().positive().max(200).default(50),
  status: donationStatusSchema.optional(),
});

const donationPage = z.object({
  items: z.array(donationSchema),
  nextCursor: z.string().optional(),
});

/**
 * Every route of `/api/v1`, with the schemas that validate it. The handlers in v1.ts take their
 * schemas from here, and the OpenAPI document is derived from this list, so the two agree.
 */
export const REST_ROUTES = {
  me: {
    method: 'get',
    path: '/me',
    summary: 'The organisation and key you are calling as',
    response: meResponseSchema,
  },
  listDonations: {
    method: 'get',
    path: '/donations',
    summary: "Your organisation's donations, newest first",
    query: listDonationsQuery,
    response: donationPage,
  },
  postDonation: {
    method: 'post',
    path: '/donations',
    summary: 'Post a donation (items, quantities, expiry, storage, pickup place and window)',
    body: donationInputSchema,
    response: donationSchema,
    status: 201,
    operationId: 'postDonation',
    // The created donation's id leads to its own routes (stateful testing reaches real ids).
    links: {
      getDonation: { operationId: 'getDonation', parameters: { id: '$response.body#/id' } },
      bookPickup: { operationId: 'bookPickup', parameters: { id: '$response.body#/id' } },
    },
  },
  getDonation: {
    method: 'get',
    path: '/donations/{id}',
    summary: 'One of your donations, with its history up to delivery',
    params: donationIdParams,
    response: donationSchema,
    operationId: 'getDonation',
  },
  ...PICKUP_REST_ROUTES,
  ...SIGNAL_REST_ROUTES,
} as const satisfies Record<string, RestRouteSpec>;
