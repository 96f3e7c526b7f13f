export { solve, DEFAULT_FLEET_SHARE, DEFAULT_PARAMS, DEFAULT_TIME_LIMIT_MS } from './solve.js';
export type { SolveOptions } from './solve.js';
export type { Progress } from './search/budget.js';
export type { SisrParams } from './search/sisr.js';
export { parseProblem } from './problem/parse.js';
export { compileProblem } from './problem/compile.js';
export { checkSolution } from './validation/check.js';
export type { CheckReport } from './validation/check.js';
export { errors, InputFormatError, InvalidProblemError, SolveAbortedError } from './errors.js';
export {
  createEuclideanMatrix,
  createHaversineMatrix,
  DEFAULT_SPEEDS_KMH,
  DenseMatrix,
} from './matrix/index.js';
export type { TravelMatrix } from './matrix/index.js';
export type {
  Job,
  RoutingProblem,
  RoutingProblemInput,
  RoutingSolution,
  Route,
  Shipment,
  Step,
  Unassigned,
  UnassignedReason,
  Vehicle,
} from '@anbu/contracts/routing';
