import { Worker } from 'node:worker_threads';

import type { RoutingProblem, RoutingSolution } from '@anbu/contracts/routing';

import { InvalidProblemError, SolveAbortedError } from '../errors.js';
import type { Progress } from '../search/budget.js';
import type { SolveRequest, WorkerMessage } from './messages.js';

/** Options of {@link solveInWorker}. */
export interface WorkerSolveOptions {
  readonly seed?: number;
  readonly timeLimitMs?: number;
  readonly iterations?: number;
  readonly progressIntervalMs?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Aborting asks the worker to stop and return its best plan so far. */
  readonly signal?: AbortSignal;
  /** Worker script; defaults to the built `solve-worker.js` beside this module. */
  readonly workerUrl?: URL;
}

/** A running solve in a worker thread. */
export interface WorkerSolve {
  readonly result: Promise<RoutingSolution>;
  /** Ask for the best plan so far (graceful). */
  stop(): void;
  /** Kill the thread; `result` rejects with {@link SolveAbortedError}. */
  terminate(): Promise<void>;
}

/** The worker script next to the compiled module (tests running from source point at `dist/`). */
export function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../dist/worker/solve-worker.js', here)
    : new URL('./solve-worker.js', here);
}

/**
 * Runs `solve` in a `worker_threads` worker so the caller's event loop stays responsive;
 * progress arrives through `onProgress`, `stop()` or the signal ends the search early.
 */
export function solveInWorker(problem: RoutingProblem, options: WorkerSolveOptions = {}): WorkerSolve {
  const stopFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopFlag);
  const request: SolveRequest = {
    problem,
    stopFlag,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
  };
  const worker = new Worker(options.workerUrl ?? defaultWorkerUrl(), { workerData: request });
  const stop = (): void => void Atomics.store(flag, 0, 1);
  options.signal?.addEventListener('abort', stop, { once: true });
  const result = new Promise<RoutingSolution>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'progress':
          options.onProgress?.(m.progress);
          break;
        case 'done':
          settled = true;
          resolve(m.solution);
          break;
        case 'error':
          settled = true;
          reject(m.path !== undefined ? new InvalidProblemError(m.path, m.message.slice(m.path.length + 2)) : new Error(m.message));
          break;
      }
    });
    worker.on('error', (err: Error) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', () => {
      options.signal?.removeEventListener('abort', stop);
      if (!settled) reject(new SolveAbortedError());
    });
  });
  return {
    result,
    stop,
    terminate: async () => {
      await worker.terminate();
    },
  };
}
