import { parentPort, workerData } from 'node:worker_threads';

import { InvalidProblemError } from '../errors.js';
import { solve } from '../solve.js';
import type { SolveRequest, WorkerMessage } from './messages.js';

// Entry of a worker thread: one solve per worker, progress relayed, stop flag in shared memory
// (the solve loop is synchronous, so a postMessage would not be seen until it ends).
const request = workerData as SolveRequest;
const flag = new Int32Array(request.stopFlag);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
try {
  const solution = solve(request.problem, {
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.timeLimitMs !== undefined ? { timeLimitMs: request.timeLimitMs } : {}),
    ...(request.iterations !== undefined ? { iterations: request.iterations } : {}),
    ...(request.progressIntervalMs !== undefined ? { progressIntervalMs: request.progressIntervalMs } : {}),
    shouldStop: () => Atomics.load(flag, 0) === 1,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', solution });
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  post({ type: 'error', name: e.name, message: e.message, ...(err instanceof InvalidProblemError ? { path: err.path } : {}) });
}
