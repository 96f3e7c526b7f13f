import { z } from 'zod';

import { EnvError } from '@anbu/service-kit';

import { DEFAULT_ROTATION_BATCH } from './rotate-encryption-key.js';

const rotationEnvSchema = z.object({
  /** PostgreSQL of the services; without it the PGlite data folder (embedded app stopped). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  ANBU_DATA_DIR: z.string().min(1).default('./.anbu/data'),
  /** The new key: 32 random bytes in base64. */
  ANBU_ENCRYPTION_KEY: z.string().min(40, 'the new key: 32 random bytes in base64'),
  /** The keys being replaced, comma-separated. */
  ANBU_ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
  ANBU_ROTATION_BATCH: z.coerce.number().int().positive().default(DEFAULT_ROTATION_BATCH),
});
export type RotationEnv = z.infer<typeof rotationEnvSchema>;

/** The environment of the `rotate-key` command, every bad variable named. */
export function readRotationEnv(): RotationEnv {
  const parsed = rotationEnvSchema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new EnvError(`invalid environment for the key rotation: ${fields.join('; ')}`);
}
