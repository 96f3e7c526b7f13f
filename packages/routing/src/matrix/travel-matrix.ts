/** Travel distance (metres or the instance unit) and duration (seconds) between two locations. */
export interface TravelMatrix {
  /** Number of locations. */
  readonly size: number;
  distance(from: number, to: number): number;
  duration(from: number, to: number): number;
}

/** Above this many locations, geometric matrices are computed on the fly instead of stored. */
export const DENSE_LIMIT = 1500;
