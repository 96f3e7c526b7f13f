/**
 * The slice of a pino logger that the I/O packages need. Declared here (the lowest I/O package)
 * so that `@anbu/db` and `@anbu/bus` take a logger without depending on pino.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
  /** The fields bound so far (pino has it), so a child need not bind a key twice. */
  bindings?(): Record<string, unknown>;
}

/** A logger that drops everything, for callers that have nothing to log to. */
export const silentLogger: Logger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
  bindings: () => ({}),
});
