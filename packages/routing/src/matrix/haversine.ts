import { DenseMatrix } from './dense-matrix.js';
import { DENSE_LIMIT } from './travel-matrix.js';
import type { TravelMatrix } from './travel-matrix.js';

/** Mean Earth radius in metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Default road speeds per vehicle profile, km/h. */
export const DEFAULT_SPEEDS_KMH: Readonly<Record<string, number>> = Object.freeze({
  car: 40,
  van: 35,
  truck: 30,
  motorbike: 30,
  bike: 15,
  foot: 5,
  drone: 60,
});

/** Options of {@link createHaversineMatrix}. */
export interface HaversineOptions {
  /** `[lon, lat]` in degrees. */
  readonly points: readonly (readonly [number, number])[];
  /** Road distance over great-circle distance. */
  readonly circuityFactor?: number;
  readonly speedKmh?: number;
}

/**
 * Great-circle distances times a circuity factor, in integer metres, and durations in integer
 * seconds at a profile speed. Points become unit vectors once, so a lookup is a chord and an asin.
 */
export function createHaversineMatrix({
  points,
  circuityFactor = 1.3,
  speedKmh = 40,
}: HaversineOptions): TravelMatrix {
  const size = points.length;
  const xs = new Float64Array(size);
  const ys = new Float64Array(size);
  const zs = new Float64Array(size);
  points.forEach(([lon, lat], i) => {
    const phi = (lat * Math.PI) / 180;
    const lambda = (lon * Math.PI) / 180;
    xs[i] = Math.cos(phi) * Math.cos(lambda);
    ys[i] = Math.cos(phi) * Math.sin(lambda);
    zs[i] = Math.sin(phi);
  });
  const scale = 2 * EARTH_RADIUS_M * circuityFactor;
  const secondsPerMetre = 3.6 / speedKmh;
  const dist = (i: number, j: number): number => {
    const dx = (xs[i] ?? 0) - (xs[j] ?? 0);
    const dy = (ys[i] ?? 0) - (ys[j] ?? 0);
    const dz = (zs[i] ?? 0) - (zs[j] ?? 0);
    const half = Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
    return Math.round(scale * Math.asin(Math.min(1, half)));
  };
  if (size <= DENSE_LIMIT) {
    const distances = new Float64Array(size * size);
    const durations = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const d = dist(i, j);
        distances[i * size + j] = d;
        durations[i * size + j] = Math.round(d * secondsPerMetre);
      }
    }
    return new DenseMatrix({ size, distances, durations });
  }
  return {
    size,
    distance: dist,
    duration: (i, j) => Math.round(dist(i, j) * secondsPerMetre),
  };
}
