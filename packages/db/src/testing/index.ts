export { startPostgres, findPostgresBin, hasPostgres } from './start-postgres.js';
export type { PostgresServer } from './start-postgres.js';
export { createTestLogger } from './test-logger.js';
export type { LogLine, TestLogger } from './test-logger.js';
export { freePort } from './free-port.js';
export { isCi, requireBinary, systemUser } from './server-binary.js';
