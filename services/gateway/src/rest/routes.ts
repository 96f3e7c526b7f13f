import { z } from 'zod';

import type { RestRouteSpec } from './openapi.js';

/** The identity behind an API key. */
export const meResponseSchema = z.object({
  organisationId: z.uuid(),
  apiKey: z.object({ id: z.uuid(), prefix: z.string(), name: z.string() }),
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
} as const satisfies Record<string, RestRouteSpec>;
