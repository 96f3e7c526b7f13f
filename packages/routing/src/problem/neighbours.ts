import type { TravelMatrix } from '../matrix/travel-matrix.js';

/** Options of {@link nearestNeighbours}. */
export interface NeighbourOptions {
  readonly taskLoc: Int32Array;
  readonly matrix: TravelMatrix;
  readonly k: number;
}

/**
 * The `k` nearest other tasks of every task (symmetrised distance), flat `n × k`: the granular
 * neighbourhood used by ruin and insertion.
 */
export function nearestNeighbours({ taskLoc, matrix, k }: NeighbourOptions): Int32Array {
  const n = taskLoc.length;
  const out = new Int32Array(n * k);
  const heapD = new Float64Array(k);
  const heapI = new Int32Array(k);
  for (let a = 0; a < n; a++) {
    const la = taskLoc[a] ?? 0;
    let size = 0;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      const lb = taskLoc[b] ?? 0;
      const d = matrix.distance(la, lb) + matrix.distance(lb, la);
      if (size < k) {
        // sift up in a max-heap keyed on distance
        let i = size++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if ((heapD[p] ?? 0) >= d) break;
          heapD[i] = heapD[p] ?? 0;
          heapI[i] = heapI[p] ?? 0;
          i = p;
        }
        heapD[i] = d;
        heapI[i] = b;
      } else if (d < (heapD[0] ?? 0)) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= k) break;
          const r = l + 1;
          const c = r < k && (heapD[r] ?? 0) > (heapD[l] ?? 0) ? r : l;
          if ((heapD[c] ?? 0) <= d) break;
          heapD[i] = heapD[c] ?? 0;
          heapI[i] = heapI[c] ?? 0;
          i = c;
        }
        heapD[i] = d;
        heapI[i] = b;
      }
    }
    // heap → ascending order by repeated extraction into the output row
    const order = Array.from({ length: size }, (_, i) => i).sort(
      (x, y) => (heapD[x] ?? 0) - (heapD[y] ?? 0) || (heapI[x] ?? 0) - (heapI[y] ?? 0),
    );
    order.forEach((h, i) => (out[a * k + i] = heapI[h] ?? 0));
  }
  return out;
}
