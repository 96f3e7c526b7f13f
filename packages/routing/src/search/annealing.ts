/** Options of {@link temperature}. */
export interface Cooling {
  readonly start: number;
  readonly end: number;
}

/** Exponential cooling from `start` to `end` as the search progresses from 0 to 1. */
export function temperature({ start, end }: Cooling, fraction: number): number {
  return start * Math.pow(end / start, Math.min(1, Math.max(0, fraction)));
}
