import { z } from 'zod';

import type { Fetch } from './http.js';
import type { TableService } from './table-service.js';
import { requestJson } from './http.js';
import { RoadMatrixError } from './table-service.js';

/** Anbu profiles → Valhalla costing models; null: not on roads. */
export const DEFAULT_VALHALLA_COSTING: Readonly<Record<string, string | null>> = Object.freeze({
  car: 'auto',
  van: 'truck',
  motorbike: 'motor_scooter',
  bike: 'bicycle',
  foot: 'pedestrian',
  walking: 'pedestrian',
  drone: null,
});

const cellSchema = z
  .object({
    // Valhalla answers distances in kilometres (units=kilometers) and times in seconds.
    distance: z.number().nullable().optional(),
    time: z.number().nullable().optional(),
  })
  .nullable();
const valhallaSchema = z.object({ sources_to_targets: z.array(z.array(cellSchema)) });

/** Options of {@link createValhallaTable}. */
export interface ValhallaOptions {
  readonly baseUrl: string;
  readonly costing?: Readonly<Record<string, string | null>>;
  readonly timeoutMs?: number;
  readonly fetch?: Fetch;
}

/** Valhalla's matrix service (`POST /sources_to_targets`). Unknown profiles go to `auto`. */
export function createValhallaTable(options: ValhallaOptions): TableService {
  const base = options.baseUrl.replace(/\/+$/, '');
  const costing = { ...DEFAULT_VALHALLA_COSTING, ...options.costing };
  const costingOf = (profile: string): string | null =>
    profile in costing ? (costing[profile] ?? null) : 'auto';
  return {
    name: `valhalla ${base}`,
    routes: (profile) => costingOf(profile) !== null,
    async table({ points, sources, destinations, profile, signal }) {
      const model = costingOf(profile);
      if (model === null) throw new RangeError(`profile ${profile} is not routed by ${base}`);
      const place = (i: number) => {
        const p = points[i];
        if (!p) throw new RangeError(`point ${i} is not in the request`);
        return { lon: p[0], lat: p[1] };
      };
      const answer = await requestJson(`${base}/sources_to_targets`, valhallaSchema, {
        fetch: options.fetch ?? fetch,
        timeoutMs: options.timeoutMs ?? 10_000,
        signal,
        body: {
          sources: sources.map(place),
          targets: destinations.map(place),
          costing: model,
          units: 'kilometers',
        },
      });
      const rows = answer.sources_to_targets;
      if (
        rows.length !== sources.length ||
        rows.some((row) => row.length !== destinations.length)
      ) {
        throw new RoadMatrixError(
          `valhalla: expected ${sources.length} × ${destinations.length} cells`,
          `${base}/sources_to_targets`,
        );
      }
      return {
        durations: rows.map((row) => row.map((c) => c?.time ?? null)),
        distances: rows.map((row) =>
          row.map((c) => (c?.distance == null ? null : c.distance * 1000)),
        ),
      };
    },
  };
}
