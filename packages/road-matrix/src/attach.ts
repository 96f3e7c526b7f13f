import type { Location, Matrix, RoutingProblemInput } from '@anbu/contracts/routing';
import { createHaversineMatrix, DEFAULT_SPEEDS_KMH } from '@anbu/routing';

import type { RoadMatrixOptions } from './road-matrix.js';
import type { TableService } from './table-service.js';
import { buildRoadMatrix } from './road-matrix.js';

/** Options of {@link attachRoadMatrices}. */
export interface AttachOptions extends RoadMatrixOptions {
  /**
   * Above this many distinct places the problem keeps the straight-line estimate: a road table
   * grows with the square (3,000 places = 9 million cells per profile).
   */
  readonly maxPlaces?: number;
}

/** What {@link attachRoadMatrices} did, for the planning run's log and the dispatcher. */
export interface AttachResult {
  readonly problem: RoutingProblemInput;
  readonly travel: 'road' | 'straight-line';
  /** Why the straight-line estimate was kept, when it was. */
  readonly reason?: string;
}

interface Place {
  location?: Location | undefined;
  locationIndex?: number | undefined;
}

/**
 * The problem with every place turned into a matrix index and one matrix per vehicle profile from
 * the road table service (profiles the service does not route, like the drone, get great-circle
 * distances at their speed). Problems that already carry matrices are returned as they are.
 */
export async function attachRoadMatrices(
  problem: RoutingProblemInput,
  service: TableService,
  options: AttachOptions = {},
): Promise<AttachResult> {
  if (problem.matrices)
    return { problem, travel: 'road', reason: 'the problem brought its own matrices' };
  const points: Location[] = [];
  const byKey = new Map<string, number>();
  const indexOf = (place: Place): Place => {
    if (!place.location) return place;
    const key = `${place.location[0]},${place.location[1]}`;
    let i = byKey.get(key);
    if (i === undefined) {
      i = points.length;
      points.push(place.location);
      byKey.set(key, i);
    }
    const { location: _dropped, ...rest } = place;
    return { ...rest, locationIndex: i };
  };
  const jobs = (problem.jobs ?? []).map((job) => ({ ...job, ...indexOf(job) }));
  const shipments = (problem.shipments ?? []).map((s) => ({
    ...s,
    pickup: { ...s.pickup, ...indexOf(s.pickup) },
    delivery: { ...s.delivery, ...indexOf(s.delivery) },
  }));
  const vehicles = problem.vehicles.map((v) => {
    const start = v.start ? indexOf({ location: v.start }).locationIndex : v.startIndex;
    const end = v.end ? indexOf({ location: v.end }).locationIndex : v.endIndex;
    const { start: _s, end: _e, ...rest } = v;
    return {
      ...rest,
      ...(start === undefined ? {} : { startIndex: start }),
      ...(end === undefined ? {} : { endIndex: end }),
    };
  });
  const maxPlaces = options.maxPlaces ?? 3000;
  if (points.length > maxPlaces) {
    return {
      problem,
      travel: 'straight-line',
      reason: `${points.length} places exceed the road table limit of ${maxPlaces}`,
    };
  }
  if (points.length === 0)
    return { problem, travel: 'straight-line', reason: 'no places with coordinates' };

  const profiles = [...new Set(problem.vehicles.map((v) => v.profile ?? 'car'))];
  const matrices: Record<string, Matrix> = {};
  for (const profile of profiles) {
    matrices[profile] = service.routes(profile)
      ? await buildRoadMatrix(service, { points, profile }, options)
      : straightLine(
          points,
          problem.options?.speeds?.[profile] ?? DEFAULT_SPEEDS_KMH[profile] ?? 40,
        );
  }
  return { problem: { ...problem, jobs, shipments, vehicles, matrices }, travel: 'road' };
}

/** Great-circle distances at a speed: how a drone travels. */
function straightLine(points: readonly Location[], speedKmh: number): Matrix {
  const m = createHaversineMatrix({ points, circuityFactor: 1, speedKmh });
  const rows = (f: (i: number, j: number) => number) =>
    points.map((_, i) => points.map((_, j) => f(i, j)));
  return {
    durations: rows((i, j) => m.duration(i, j)),
    distances: rows((i, j) => m.distance(i, j)),
  };
}
