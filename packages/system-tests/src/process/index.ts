export {
  buildServices,
  freePort,
  pidIn,
  printLogTails,
  REPO_ROOT,
  run,
  spawnRun,
  startStack,
} from './stack.js';
export type { Stack, StackProcess } from './stack.js';
export {
  killPostgres,
  killService,
  restartMissing,
  restartService,
  STACK_SERVICES,
  startPostgres,
  waitHealthy,
} from './faults.js';
export type { StackService } from './faults.js';
export { connectToStack } from './stack-client.js';
export type { StackClient } from './stack-client.js';
export { createChaos, planKills } from './chaos.js';
export type { Chaos, InjectedKill, PlannedKill } from './chaos.js';
