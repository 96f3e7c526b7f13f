import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';

import type { GatewayTables } from '../db/schema.js';
import type { RestEnv } from './env.js';
import { verifyApiKey } from '../auth/api-keys.js';
import { restError } from './errors.js';

/** Reads the key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
function presentedKey(authorization: string | undefined, header: string | undefined) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return bearer ?? header;
}

/**
 * Authenticates a partner system by its API key (401 without a live one) and sets the
 * `api_key` actor: role `partner`, scoped to the key's organisation.
 */
export function apiKeyAuth(options: {
  db: Kysely<GatewayTables>;
  now: () => Date;
}): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    const key = presentedKey(c.req.header('authorization'), c.req.header('x-api-key'));
    const info = key ? await verifyApiKey(options.db, { key, now: options.now() }) : undefined;
    if (!info) {
      c.header('WWW-Authenticate', 'Bearer realm="anbu"');
      return restError(c, {
        status: 401,
        code: 'UNAUTHORIZED',
        message: 'a valid API key is required',
      });
    }
    c.set('apiKey', info);
    c.set('actor', {
      kind: 'api_key',
      id: info.id,
      role: 'partner',
      organisationId: info.organisationId,
      districtCodes: [],
    });
    return next();
  };
}
