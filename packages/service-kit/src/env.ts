import { z } from 'zod';

import { EnvError } from './errors.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The environment of a service running on its own (distributed mode). */
export const serviceEnvSchema = z.object({
  /** PostgreSQL; without it the service uses PGlite in ANBU_DATA_DIR (one process only). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** One or more NATS URLs, comma-separated. */
  NATS_URL: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((url) => url.trim())),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ANBU_DATA_DIR: z.string().min(1).default('./.anbu/data'),
  /** Names this replica in logs and health replies (default `<hostname>-<pid>`). */
  ANBU_INSTANCE_ID: z.string().min(1).max(100).optional(),
  /** JetStream stream replicas (3 on the production cluster). */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** How long SIGTERM may take to drain before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/** Parses the environment, failing with every bad or missing variable named. */
export function readServiceEnv(source: Readonly<Record<string, string | undefined>>): ServiceEnv {
  const parsed = serviceEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new EnvError(`invalid environment: ${problems.join('; ')}`);
}

/** This process's environment, for `runStandalone` (the one place that reads process.env). */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
