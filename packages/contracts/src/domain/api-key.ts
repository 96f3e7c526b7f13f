import { z } from 'zod';

import { dateTimeSchema, idSchema, shortText } from './common.js';

/** What an API key may do. */
export const API_KEY_SCOPES = ['donations:read', 'donations:write', 'signals:write'] as const;

/** Parses one of {@link API_KEY_SCOPES}. */
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/**
 * The public part of a partner's or feed's API key: the secret is shown once on creation and
 * only its hash is stored.
 */
export const apiKeySchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  name: shortText(100),
  /** The first characters of the key, to recognise it in lists. */
  prefix: z.string().regex(/^[A-Za-z0-9_]{4,16}$/),
  scopes: z.array(apiKeyScopeSchema).min(1).max(API_KEY_SCOPES.length),
  createdBy: idSchema,
  createdAt: dateTimeSchema,
  lastUsedAt: dateTimeSchema.optional(),
  expiresAt: dateTimeSchema.optional(),
  revokedAt: dateTimeSchema.optional(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
