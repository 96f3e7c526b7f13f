/** A rectangle of the full matrix fetched in one request: rows `sources`, columns `destinations`. */
export interface Block {
  readonly sources: readonly number[];
  readonly destinations: readonly number[];
}

/** Durations (s) and distances (m) of one block, `[source][destination]`, null when unreachable. */
export interface BlockResult {
  readonly durations: readonly (readonly (number | null)[])[];
  readonly distances: readonly (readonly (number | null)[])[];
}

/**
 * Tiles an `n × n` matrix into blocks of at most `size` sources and `size` destinations, so that
 * each request stays under the table service's limit (OSRM's `max-table-size` is 100 by default).
 */
export function tile(n: number, size: number): Block[] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`block size must be a positive integer, got ${size}`);
  const ranges: number[][] = [];
  for (let start = 0; start < n; start += size) {
    ranges.push(Array.from({ length: Math.min(size, n - start) }, (_, i) => start + i));
  }
  return ranges.flatMap((sources) => ranges.map((destinations) => ({ sources, destinations })));
}

/**
 * A travel time or distance no plan should use: the table service found no road between the two
 * places. Large enough that any time window or shift rules the arc out, small enough that sums of
 * a few of them stay exact integers.
 */
export const UNREACHABLE = 100_000_000;

/** The full matrix, filled in from its blocks; integer seconds and metres, as the solver expects. */
export function assemble(
  n: number,
  parts: readonly { readonly block: Block; readonly result: BlockResult }[],
): { durations: number[][]; distances: number[][] } {
  const durations = Array.from({ length: n }, () => new Array<number>(n).fill(-1));
  const distances = Array.from({ length: n }, () => new Array<number>(n).fill(-1));
  for (const { block, result } of parts) {
    block.sources.forEach((from, r) => {
      const rowD = durations[from];
      const rowM = distances[from];
      if (!rowD || !rowM) throw new RangeError(`source ${from} is outside the ${n}-point matrix`);
      block.destinations.forEach((to, c) => {
        rowD[to] = integer(result.durations[r]?.[c]);
        rowM[to] = integer(result.distances[r]?.[c]);
      });
    });
  }
  for (let i = 0; i < n; i++) {
    // Staying put costs nothing, whatever the service says about snapping a point to itself.
    const rowD = durations[i] ?? [];
    const rowM = distances[i] ?? [];
    rowD[i] = 0;
    rowM[i] = 0;
    const missing = rowD.findIndex((v) => v < 0);
    if (missing >= 0) throw new RangeError(`matrix cell [${i}][${missing}] was not in any block`);
  }
  return { durations, distances };
}

function integer(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0)
    return UNREACHABLE;
  return Math.round(value);
}
