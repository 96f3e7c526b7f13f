import type { RoutingProblem, RoutingSolution } from '@anbu/contracts/routing';

import type { Progress } from '../search/budget.js';
import { mergeSolutions } from '../solution/merge.js';
import { splitByArea } from '../split/split-by-area.js';
import { solveInWorker } from './solve-in-worker.js';
import type { WorkerSolveOptions } from './solve-in-worker.js';

/** Options of {@link solveSplit}. */
export interface SplitSolveOptions extends Omit<WorkerSolveOptions, 'onProgress'> {
  /** Number of areas, each planned in its own worker. */
  readonly parts: number;
  /** Progress per area (`part` is the area index). */
  readonly onProgress?: (progress: Progress & { readonly part: number }) => void;
}

/**
 * Plans a large instance by area: split into angular sectors with vehicles shared out, solve each
 * sector in a parallel worker, and join the plans. Faster on big instances, at some loss of quality
 * near sector borders.
 */
export async function solveSplit(problem: RoutingProblem, options: SplitSolveOptions): Promise<RoutingSolution> {
  const { parts, onProgress, ...rest } = options;
  const runs = splitByArea(problem, { parts }).map((part, i) =>
    solveInWorker(part, { ...rest, ...(onProgress ? { onProgress: (p: Progress) => onProgress({ ...p, part: i }) } : {}) }),
  );
  return mergeSolutions(await Promise.all(runs.map((r) => r.result)));
}
