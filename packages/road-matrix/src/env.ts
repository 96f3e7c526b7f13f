import { z } from 'zod';

import type { TableService } from './table-service.js';
import { createOsrmTable } from './osrm.js';
import { createValhallaTable } from './valhalla.js';

const envSchema = z.object({
  OSRM_URL: z.url().optional(),
  VALHALLA_URL: z.url().optional(),
  ROAD_MATRIX_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

/**
 * The road table service the environment configures: `OSRM_URL` (an OSRM-compatible server) or
 * `VALHALLA_URL`; null when neither is set (the planner then uses straight-line estimates).
 */
export function tableServiceFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): TableService | null {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid ${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? ''}`);
  }
  const { OSRM_URL, VALHALLA_URL, ROAD_MATRIX_TIMEOUT_MS: timeoutMs } = parsed.data;
  if (OSRM_URL && VALHALLA_URL) throw new Error('set OSRM_URL or VALHALLA_URL, not both');
  if (OSRM_URL) return createOsrmTable({ baseUrl: OSRM_URL, timeoutMs });
  if (VALHALLA_URL) return createValhallaTable({ baseUrl: VALHALLA_URL, timeoutMs });
  return null;
}
