import type { TravelMatrix } from './travel-matrix.js';

/** A stored square matrix in flat typed arrays. */
export class DenseMatrix implements TravelMatrix {
  readonly size: number;
  /** Row-major durations, exposed for allocation-free hot loops. */
  readonly durations: Float64Array;
  /** Row-major distances. */
  readonly distances: Float64Array;

  constructor(options: { size: number; durations: Float64Array; distances: Float64Array }) {
    this.size = options.size;
    this.durations = options.durations;
    this.distances = options.distances;
  }

  /** Builds a matrix from nested rows (as found in JSON); distances default to durations. */
  static fromRows(durations: readonly (readonly number[])[], distances?: readonly (readonly number[])[]): DenseMatrix {
    const size = durations.length;
    const dur = new Float64Array(size * size);
    const dist = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      const row = durations[i] ?? [];
      const drow = distances?.[i] ?? row;
      for (let j = 0; j < size; j++) {
        dur[i * size + j] = row[j] ?? 0;
        dist[i * size + j] = drow[j] ?? 0;
      }
    }
    return new DenseMatrix({ size, durations: dur, distances: dist });
  }

  distance(from: number, to: number): number {
    return this.distances[from * this.size + to] ?? 0;
  }

  duration(from: number, to: number): number {
    return this.durations[from * this.size + to] ?? 0;
  }
}
