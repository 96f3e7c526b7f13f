import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

import { tableServiceFromEnv } from '@anbu/road-matrix';
import { EnvError } from '@anbu/service-kit';

import { findRepoRoot } from './repo-root.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const repoRoot = findRepoRoot();
/** Relative paths are taken from the repository root, not from wherever pnpm runs the script. */
const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(repoRoot, path));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Where the embedded database and the generated encryption key live. */
  ANBU_DATA_DIR: z.string().min(1).default('./.anbu/data').transform(fromRoot),
  /** 32 bytes in base64; generated into the data folder on first start when absent. */
  ANBU_ENCRYPTION_KEY: z.string().min(40).optional(),
  /** The demo city's seed (same seed, same city). */
  ANBU_DEMO_SEED: z.string().min(1).max(100).default('iksan-2026'),
  /** Set to `false` to start empty, without the demo city. */
  ANBU_SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  ANBU_WEB_DIST_DIR: z.string().min(1).default(join('web', 'dist')).transform(fromRoot),
  /** An OSRM-compatible service for road geometry of routes (straight segments without). */
  OSRM_URL: z.url({ protocol: /^https?$/ }).optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`invalid environment for the embedded start: ${fields.join('; ')}`);
}

/** The embedded start's environment, parsed once. */
export const env = Object.freeze(parsed.data);

/** Road travel times for the planner from `OSRM_URL` or `VALHALLA_URL` (null: great-circle). */
export const travel = tableServiceFromEnv(process.env);
