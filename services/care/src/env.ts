import { z } from 'zod';

import { EnvError } from '@anbu/service-kit';

const envSchema = z.object({
  /** Where alert notifications are posted (a messenger bot, the city's alerting system). */
  CARE_WEBHOOK_URL: z.url().optional(),
  /** Milliseconds a webhook may take to answer. */
  CARE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(5_000),
  /** How often alert deadlines, signal retries and notifications are swept (ms). */
  CARE_SWEEP_MS: z.coerce.number().int().positive().max(600_000).default(5_000),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`invalid environment for care: ${fields.join('; ')}`);
}

/** The care service's own environment (the kit reads DATABASE_URL, NATS_URL, …). */
export const env = Object.freeze(parsed.data);
