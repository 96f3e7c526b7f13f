import { z } from 'zod';

import { EnvError } from '@anbu/service-kit';

const envSchema = z.object({
  /** 32 random bytes in base64: the AES-256-GCM key of households' personal data. */
  ANBU_ENCRYPTION_KEY: z
    .string()
    .min(40, 'set ANBU_ENCRYPTION_KEY to 32 random bytes in base64 (openssl rand -base64 32)'),
  /** Keys replaced by a rotation, comma-separated: they decrypt until `rotate-key` completes. */
  ANBU_ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`invalid environment for households: ${fields.join('; ')}`);
}

/** The households service's own environment (the kit reads DATABASE_URL, NATS_URL, …). */
export const env = Object.freeze(parsed.data);
