export {
  DEFAULT_SYSTEM_OUTBOX_POLL_MS,
  startSystem,
  SYSTEM_SERVICES,
} from './harness/start-system.js';
export type {
  DispatchServiceOptions,
  RunningSystem,
  StartSystemOptions,
  SystemReplica,
} from './harness/start-system.js';
export { createGatewayClient } from './harness/gateway-client.js';
export type { GatewayClient, JsonResponse, TrpcErrorBody } from './harness/gateway-client.js';
export { createTestClock } from './harness/test-clock.js';
export type { TestClock } from './harness/test-clock.js';
export { seedWorld, SYSTEM_TEST_PASSWORD } from './harness/seed-world.js';
export type { SeededUser, SeededWorld } from './harness/seed-world.js';
