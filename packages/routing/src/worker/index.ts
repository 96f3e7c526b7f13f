export { defaultWorkerUrl, solveInWorker } from './solve-in-worker.js';
export type { WorkerSolve, WorkerSolveOptions } from './solve-in-worker.js';
export { solveSplit } from './solve-split.js';
export type { SplitSolveOptions } from './solve-split.js';
export { splitByArea } from '../split/split-by-area.js';
export type { SplitOptions } from '../split/split-by-area.js';
export { mergeSolutions } from '../solution/merge.js';
export type { SolveRequest, WorkerMessage } from './messages.js';
