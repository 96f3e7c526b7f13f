// The distributed stack on free loopback ports (PostgreSQL, nats-server, every service as its own
// process) lives in @anbu/system-tests/stack, which the process-level fault suites share.
export {
  buildServices,
  freePort,
  printLogTails,
  REPO_ROOT,
  run,
  spawnRun,
  startStack,
} from '@anbu/system-tests/stack';
export type { Stack } from '@anbu/system-tests/stack';
