export { createLogger, DEFAULT_LOG_LEVEL, PII_KEYS, REDACT_PATHS } from './create-logger.js';
export type { CreateLoggerOptions } from './create-logger.js';
export { defineService } from './define-service.js';
export type {
  BackgroundTask,
  ServiceDefinition,
  ServiceDeps,
  ServiceRuntime,
} from './define-service.js';
export { startService } from './start-service.js';
export type { RunningService, StartServiceOptions } from './start-service.js';
export { errors, ServiceStartError, EnvError } from './errors.js';
export { runStandalone } from './run-standalone.js';
export { readServiceEnv, serviceEnvSchema } from './env.js';
export type { ServiceEnv } from './env.js';
export { createIdempotencyKeysTable, idFor, withIdempotencyKey } from './idempotency.js';
export type { AnswerSeal, IdempotencyDatabase, IdempotencyKeysTable } from './idempotency.js';
export { DEFAULT_SLICE, mapInSlices } from './map-in-slices.js';
