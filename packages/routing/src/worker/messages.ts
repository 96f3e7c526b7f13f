import type { RoutingProblem, RoutingSolution } from '@anbu/contracts/routing';

import type { Progress } from '../search/budget.js';

/** What the caller sends to a solve worker (once, as `workerData`). */
export interface SolveRequest {
  readonly problem: RoutingProblem;
  readonly seed?: number;
  readonly timeLimitMs?: number;
  readonly iterations?: number;
  readonly progressIntervalMs?: number;
  /** `Int32Array` view over it: index 0 set to 1 asks the worker to stop and reply. */
  readonly stopFlag: SharedArrayBuffer;
}

/** What a solve worker posts back. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'done'; readonly solution: RoutingSolution }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly path?: string };
