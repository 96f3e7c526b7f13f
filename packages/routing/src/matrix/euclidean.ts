import { DenseMatrix } from './dense-matrix.js';
import { DENSE_LIMIT } from './travel-matrix.js';
import type { TravelMatrix } from './travel-matrix.js';

/** Options of {@link createEuclideanMatrix}. */
export interface EuclideanOptions {
  readonly points: readonly (readonly [number, number])[];
  /** Distance units per time unit; Solomon uses 1 (travel time = distance). */
  readonly speed?: number;
}

/** Plane distances in double precision, as the Solomon benchmark convention requires. */
export function createEuclideanMatrix({ points, speed = 1 }: EuclideanOptions): TravelMatrix {
  const size = points.length;
  const xs = Float64Array.from(points, (p) => p[0]);
  const ys = Float64Array.from(points, (p) => p[1]);
  const inv = 1 / speed;
  const dist = (i: number, j: number): number => {
    const dx = (xs[i] ?? 0) - (xs[j] ?? 0);
    const dy = (ys[i] ?? 0) - (ys[j] ?? 0);
    return Math.sqrt(dx * dx + dy * dy);
  };
  if (size <= DENSE_LIMIT) {
    const distances = new Float64Array(size * size);
    const durations = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const d = dist(i, j);
        distances[i * size + j] = d;
        durations[i * size + j] = speed === 1 ? d : d * inv;
      }
    }
    return new DenseMatrix({ size, distances, durations });
  }
  return {
    size,
    distance: dist,
    duration: (i, j) => dist(i, j) * inv,
  };
}
