import { fileURLToPath } from 'node:url';
import { z } from 'zod';

import { serviceEnvSchema } from '@anbu/service-kit';

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth/password.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** The built web app, beside this package in the workspace: `web/dist`. */
const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** The gateway's environment in distributed mode: the service variables plus HTTP and sessions. */
export const gatewayEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** `Secure` session cookie; true by default because distributed mode runs behind HTTPS. */
  ANBU_COOKIE_SECURE: booleanFlag.default(true),
  /** How long a session lasts after sign-in. */
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(12 * 60),
  /** Take client addresses from `X-Forwarded-For` (only behind a proxy you control). */
  ANBU_TRUST_PROXY: booleanFlag.default(false),
  ANBU_WEB_DIST_DIR: z.string().min(1).default(DEFAULT_WEB_DIST_DIR),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** `create-admin`'s environment: the gateway's plus the first administrator's password. */
export const createAdminEnvSchema = gatewayEnvSchema.extend({
  /** Generated and printed once when unset; never a command-line argument (shell history). */
  ANBU_ADMIN_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH).optional(),
});
export type CreateAdminEnv = z.infer<typeof createAdminEnvSchema>;

function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Readonly<Record<string, string | undefined>>,
): z.infer<S> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid environment: ${problems.join('; ')}`);
}

/**
 * Parses the environment (this process's by default), failing with every bad or missing
 * variable named.
 */
export function loadGatewayEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): GatewayEnv {
  return parseEnv(gatewayEnvSchema, source);
}

/** {@link loadGatewayEnv} for `create-admin`. */
export function loadCreateAdminEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): CreateAdminEnv {
  return parseEnv(createAdminEnvSchema, source);
}
