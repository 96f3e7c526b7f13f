import { z } from 'zod';

import { tableServiceFromEnv } from '@anbu/road-matrix';
import { EnvError } from '@anbu/service-kit';

const envSchema = z.object({
  /** An OSRM-compatible routing service for road geometry (straight segments without it). */
  OSRM_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Planning runs a replica solves at once (default: the cores Node may use). */
  DISPATCH_PLANNING_WORKERS: z.coerce.number().int().positive().max(64).optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`invalid environment for dispatch: ${fields.join('; ')}`);
}

/** The dispatch service's own environment (the kit reads DATABASE_URL, NATS_URL, …). */
export const env = Object.freeze(parsed.data);

/** Road travel times for the planner from `OSRM_URL` or `VALHALLA_URL` (null: great-circle). */
export const travel = tableServiceFromEnv(process.env);
