import type { DestinationStream, Level, Logger } from 'pino';
import { pino } from 'pino';

/**
 * Keys that hold personal data of the people Anbu serves (DESIGN.md "Security and privacy"):
 * their values never reach a log line, at the top level or nested up to three levels.
 */
export const PII_KEYS = [
  'name',
  'fullName',
  'address',
  'addressLine',
  'phone',
  'phoneNumber',
  'email',
  'birthDate',
  'residentNumber',
  'notes',
  'healthNotes',
  'password',
  'passwordHash',
  'token',
  'apiKey',
  'cookie',
  'authorization',
] as const;

/** Where {@link PII_KEYS} are looked for: `key`, `*.key`, `*.*.key`, `*.*.*.key`. */
export const REDACT_PATHS: readonly string[] = PII_KEYS.flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `*.*.*.${key}`,
]);

export const DEFAULT_LOG_LEVEL: Level = 'info';

export interface CreateLoggerOptions {
  /**
   * Becomes the `service` field of every line. A process hosting several services (the
   * embedded mode) names itself with `process` instead, and each service binds its own
   * `service` (JSON lines must not carry the key twice).
   */
  readonly service?: string;
  readonly process?: string;
  readonly level?: Level | 'silent';
  readonly instanceId?: string;
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

/**
 * A pino logger writing JSON lines with `service` (and `instanceId`) on each, personal data
 * redacted (see {@link PII_KEYS}).
 * @example
 * const log = createLogger({ service: 'households', level: env.LOG_LEVEL });
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const base: Record<string, string> = {};
  if (options.process) base['process'] = options.process;
  if (options.service) base['service'] = options.service;
  if (options.instanceId) base['instanceId'] = options.instanceId;
  const config = {
    level: options.level ?? DEFAULT_LOG_LEVEL,
    base,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
