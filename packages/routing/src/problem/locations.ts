import type { Location, RoutingProblem } from '@anbu/contracts/routing';

import { DenseMatrix } from '../matrix/dense-matrix.js';
import { createEuclideanMatrix } from '../matrix/euclidean.js';
import { createHaversineMatrix, DEFAULT_SPEEDS_KMH } from '../matrix/haversine.js';
import type { TravelMatrix } from '../matrix/travel-matrix.js';

/** Gives every place of the problem a matrix index and builds one matrix per profile. */
export interface LocationTable {
  /** Index of a place (location or locationIndex), −1 for an absent depot. */
  index(place: { location?: Location; locationIndex?: number }): number;
  matrixFor(profile: string): TravelMatrix;
  /** Coordinates per index, null when matrices were given. */
  readonly points: readonly Location[] | null;
}

/** Builds the {@link LocationTable}: the given matrices, or a geometric provider over the points. */
export function buildLocationTable(problem: RoutingProblem): LocationTable {
  const matrices = problem.matrices;
  if (matrices) {
    const built = new Map<string, TravelMatrix>();
    return {
      points: null,
      index: (place) => place.locationIndex ?? -1,
      matrixFor: (profile) => {
        let m = built.get(profile);
        if (!m) {
          const raw = matrices[profile];
          m = DenseMatrix.fromRows(raw?.durations ?? [], raw?.distances);
          built.set(profile, m);
        }
        return m;
      },
    };
  }
  const points: [number, number][] = [];
  const byKey = new Map<string, number>();
  const add = (loc: Location): number => {
    const key = `${loc[0]},${loc[1]}`;
    let i = byKey.get(key);
    if (i === undefined) {
      i = points.length;
      points.push([loc[0], loc[1]]);
      byKey.set(key, i);
    }
    return i;
  };
  for (const j of problem.jobs) if (j.location) add(j.location);
  for (const s of problem.shipments) {
    if (s.pickup.location) add(s.pickup.location);
    if (s.delivery.location) add(s.delivery.location);
  }
  for (const v of problem.vehicles) {
    if (v.start) add(v.start);
    if (v.end) add(v.end);
  }
  const { geometry, circuityFactor, speeds } = problem.options;
  const built = new Map<string, TravelMatrix>();
  return {
    points,
    index: (place) => (place.location ? add(place.location) : -1),
    matrixFor: (profile) => {
      let m = built.get(profile);
      if (!m) {
        m =
          geometry === 'euclidean'
            ? createEuclideanMatrix({ points, speed: speeds[profile] ?? 1 })
            : createHaversineMatrix({
                points,
                circuityFactor,
                speedKmh: speeds[profile] ?? DEFAULT_SPEEDS_KMH[profile] ?? 40,
              });
        built.set(profile, m);
      }
      return m;
    },
  };
}
