import type { Logger } from '../logger.js';

/** One captured log call. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string | undefined;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A {@link Logger} that records every call, for asserting on what was logged. */
export interface TestLogger extends Logger {
  readonly lines: LogLine[];
}

/** Creates a {@link TestLogger}; children write into the same `lines`. */
export function createTestLogger(bindings: Record<string, unknown> = {}, lines: LogLine[] = []) {
  const write =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, msg, fields: { ...bindings, ...obj } });
    };
  const logger: TestLogger = {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => createTestLogger({ ...bindings, ...more }, lines),
    bindings: () => ({ ...bindings }),
  };
  return logger;
}
