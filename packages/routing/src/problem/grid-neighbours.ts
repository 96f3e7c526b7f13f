import type { Location } from '@anbu/contracts/routing';

import type { TravelMatrix } from '../matrix/travel-matrix.js';

/** Options of {@link gridNeighbours}. */
export interface GridNeighbourOptions {
  readonly taskLoc: Int32Array;
  /** Coordinates per matrix index (`[lon, lat]` or `[x, y]`). */
  readonly points: readonly Location[];
  readonly matrix: TravelMatrix;
  readonly k: number;
  /** Called every few hundred tasks, so that a caller can report progress on a long compile. */
  readonly tick?: (() => void) | undefined;
}

const TICK_EVERY = 256;

/**
 * Approximately the `k` nearest tasks of every task, via a uniform grid over the coordinates:
 * candidates come from rings of cells around the task until 2k are found (plus one more ring),
 * then are ranked by the matrix distance (ties by task index). O(n·k) instead of O(n²) for
 * city-scale instances.
 */
export function gridNeighbours({ taskLoc, points, matrix, k, tick }: GridNeighbourOptions): Int32Array {
  const n = taskLoc.length;
  const out = new Int32Array(n * k);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let t = 0; t < n; t++) {
    const [x, y] = points[taskLoc[t] ?? 0] ?? [0, 0];
    xs[t] = x;
    ys[t] = y;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(n / 4)));
  const w = (maxX - minX) / side || 1;
  const h = (maxY - minY) / side || 1;
  const cellX = new Int32Array(n);
  const cellY = new Int32Array(n);
  const cellCount = new Int32Array(side * side + 1);
  for (let t = 0; t < n; t++) {
    cellX[t] = Math.min(side - 1, Math.floor(((xs[t] ?? 0) - minX) / w));
    cellY[t] = Math.min(side - 1, Math.floor(((ys[t] ?? 0) - minY) / h));
    const c = (cellY[t] ?? 0) * side + (cellX[t] ?? 0);
    cellCount[c + 1] = (cellCount[c + 1] ?? 0) + 1;
  }
  // Tasks bucketed by cell (CSR layout), in task order within a cell.
  const cellStart = new Int32Array(side * side + 1);
  for (let c = 0; c < side * side; c++) cellStart[c + 1] = (cellStart[c] ?? 0) + (cellCount[c + 1] ?? 0);
  const fill = cellStart.slice(0, side * side);
  const cellTasks = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const c = (cellY[t] ?? 0) * side + (cellX[t] ?? 0);
    cellTasks[fill[c] ?? 0] = t;
    fill[c] = (fill[c] ?? 0) + 1;
  }

  // The best `k` so far, sorted by (distance, task): insertion keeps it ordered.
  const bestD = new Float64Array(k);
  const bestT = new Int32Array(k);
  const want = Math.min(2 * k, n - 1);
  for (let a = 0; a < n; a++) {
    if (tick && a % TICK_EVERY === 0) tick();
    const cx = cellX[a] ?? 0;
    const cy = cellY[a] ?? 0;
    const la = taskLoc[a] ?? 0;
    let size = 0;
    let seen = 0;
    let extra = 1;
    const offer = (b: number): void => {
      const lb = taskLoc[b] ?? 0;
      const d = matrix.distance(la, lb) + matrix.distance(lb, la);
      if (size === k) {
        const worstD = bestD[k - 1] ?? 0;
        if (d > worstD || (d === worstD && b > (bestT[k - 1] ?? 0))) return;
      } else size++;
      let i = size - 1;
      while (i > 0) {
        const pd = bestD[i - 1] ?? 0;
        if (pd < d || (pd === d && (bestT[i - 1] ?? 0) < b)) break;
        bestD[i] = pd;
        bestT[i] = bestT[i - 1] ?? 0;
        i--;
      }
      bestD[i] = d;
      bestT[i] = b;
    };
    for (let r = 0; r <= side; r++) {
      const y0 = Math.max(0, cy - r);
      const y1 = Math.min(side - 1, cy + r);
      for (let y = y0; y <= y1; y++) {
        // On the ring's top and bottom rows every cell; otherwise only its two ends.
        const full = y === cy - r || y === cy + r;
        const step = full ? 1 : 2 * r;
        for (let x = cx - r; x <= cx + r; x += Math.max(1, step)) {
          if (x < 0 || x >= side) continue;
          const c = y * side + x;
          for (let i = cellStart[c] ?? 0, end = cellStart[c + 1] ?? 0; i < end; i++) {
            const b = cellTasks[i] ?? 0;
            if (b === a) continue;
            seen++;
            offer(b);
          }
        }
      }
      if (seen >= want && extra-- <= 0) break;
    }
    for (let i = 0; i < k; i++) out[a * k + i] = i < size ? (bestT[i] ?? a) : a;
  }
  return out;
}
