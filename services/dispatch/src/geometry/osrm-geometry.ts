import { z } from 'zod';

import type { Coordinates } from '@anbu/contracts';
import type { Logger } from '@anbu/db';

/** How long one OSRM `/route` call may take before the straight line is used instead. */
export const DEFAULT_OSRM_TIMEOUT_MS = 5_000;
/** Waypoints per `/route` call (OSRM's default `--max-viaroute-size` is 500). */
export const DEFAULT_OSRM_MAX_WAYPOINTS = 100;

/** Draws a route's line through its points (start depot, stops, end depot). */
export interface RouteGeometry {
  /** The line through `points`; never throws (a failure gives the straight segments). */
  lineThrough(
    points: readonly Coordinates[],
    options?: { profile?: string },
  ): Promise<Coordinates[]>;
}

/** Straight segments between the points: the default, and the fallback of every other. */
export const straightGeometry: RouteGeometry = {
  lineThrough: (points) => Promise.resolve([...points]),
};

/** The part of OSRM's `/route` response read here (`geometries=geojson`). */
const osrmRouteResponseSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  routes: z
    .array(
      z.object({
        geometry: z.object({
          type: z.literal('LineString'),
          coordinates: z.array(z.tuple([z.number(), z.number()])),
        }),
      }),
    )
    .default([]),
});

/** Options of {@link createOsrmGeometry}. */
export interface OsrmGeometryOptions {
  /** The OSRM-compatible service, e.g. `http://osrm:5000` (`OSRM_URL`). */
  readonly baseUrl: string;
  readonly log: Logger;
  /** OSRM profile segment of the path; OSRM itself ignores it, routers with several honour it. */
  readonly profile?: string;
  readonly timeoutMs?: number;
  readonly maxWaypoints?: number;
  readonly fetch?: typeof globalThis.fetch;
}

/** Splits `points` into runs of at most `size` that share their end points. */
function runsOf<T>(points: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < points.length - 1; i += size - 1) runs.push(points.slice(i, i + size));
  return runs;
}

/**
 * Road geometry from an OSRM-compatible HTTP `/route` service, one call per run of
 * `maxWaypoints` points, each bounded by `timeoutMs`. Any failure (timeout, HTTP error, a
 * `code` other than `Ok`, an unreadable body) falls back to straight segments for the whole
 * route and is logged: the map still shows the route, only less precisely.
 */
export function createOsrmGeometry(options: OsrmGeometryOptions): RouteGeometry {
  const {
    baseUrl,
    log,
    profile: defaultProfile = 'driving',
    timeoutMs = DEFAULT_OSRM_TIMEOUT_MS,
    maxWaypoints = DEFAULT_OSRM_MAX_WAYPOINTS,
    fetch = globalThis.fetch,
  } = options;
  const base = baseUrl.replace(/\/+$/, '');

  async function routeRun(run: readonly Coordinates[], profile: string): Promise<Coordinates[]> {
    const path = run.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    const url = `${base}/route/v1/${encodeURIComponent(profile)}/${path}?overview=full&geometries=geojson&steps=false`;
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`OSRM answered HTTP ${res.status}`);
    const body = osrmRouteResponseSchema.parse(await res.json());
    const line = body.routes[0]?.geometry.coordinates;
    if (body.code !== 'Ok' || !line || line.length < 2) {
      throw new Error(`OSRM answered ${body.code}${body.message ? `: ${body.message}` : ''}`);
    }
    return line.map(([lng, lat]) => ({ lng, lat }));
  }

  return {
    async lineThrough(points, { profile = defaultProfile } = {}) {
      if (points.length < 2) return [...points];
      try {
        const line: Coordinates[] = [];
        for (const run of runsOf(points, Math.max(2, maxWaypoints))) {
          const part = await routeRun(run, profile);
          // Each run starts where the previous ended: drop the repeated point.
          line.push(...(line.length > 0 ? part.slice(1) : part));
        }
        return line;
      } catch (err) {
        log.warn({ err, points: points.length }, 'road geometry failed; drawing straight segments');
        return [...points];
      }
    },
  };
}
