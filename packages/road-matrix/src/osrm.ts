import { z } from 'zod';

import type { Fetch } from './http.js';
import type { TableService } from './table-service.js';
import { requestJson } from './http.js';
import { RoadMatrixError } from './table-service.js';

/** Anbu profiles → OSRM profiles; null: not on roads (the drone flies straight). */
export const DEFAULT_OSRM_PROFILES: Readonly<Record<string, string | null>> = Object.freeze({
  car: 'driving',
  van: 'driving',
  motorbike: 'driving',
  bike: 'cycling',
  foot: 'foot',
  walking: 'foot',
  drone: null,
});

const cells = z.array(z.array(z.number().nullable()));
const osrmTableSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  durations: cells.optional(),
  distances: cells.optional(),
});

/** Options of {@link createOsrmTable}. */
export interface OsrmOptions {
  /** E.g. `http://osrm.internal:5000` (no trailing `/table`). */
  readonly baseUrl: string;
  readonly profiles?: Readonly<Record<string, string | null>>;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
}

/**
 * OSRM's `table` service (`/table/v1/{profile}/{coordinates}?annotations=duration,distance`).
 * Unknown Anbu profiles go to `driving`.
 */
export function createOsrmTable(options: OsrmOptions): TableService {
  const base = options.baseUrl.replace(/\/+$/, '');
  const profiles = { ...DEFAULT_OSRM_PROFILES, ...options.profiles };
  const osrmProfile = (profile: string): string | null =>
    profile in profiles ? (profiles[profile] ?? null) : 'driving';
  return {
    name: `osrm ${base}`,
    routes: (profile) => osrmProfile(profile) !== null,
    async table({ points, sources, destinations, profile, signal }) {
      const target = osrmProfile(profile);
      if (target === null) throw new RangeError(`profile ${profile} is not routed by ${base}`);
      const coordinates = points
        .map(([lon, lat]) => `${lon.toFixed(6)},${lat.toFixed(6)}`)
        .join(';');
      const url =
        `${base}/table/v1/${encodeURIComponent(target)}/${coordinates}` +
        `?sources=${sources.join(';')}&destinations=${destinations.join(';')}&annotations=duration,distance`;
      const answer = await requestJson(url, osrmTableSchema, {
        fetch: options.fetch ?? fetch,
        timeoutMs: options.timeoutMs ?? 10_000,
        signal,
      });
      if (answer.code !== 'Ok' || !answer.durations || !answer.distances) {
        throw new RoadMatrixError(
          `osrm: ${answer.code}${answer.message ? ` (${answer.message})` : ''}`,
          `${base}/table/v1/${target}`,
        );
      }
      return { durations: answer.durations, distances: answer.distances };
    },
  };
}
