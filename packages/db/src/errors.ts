/** The database could not be opened (bad URL, unreadable data folder, PGlite failed to start). */
export class DbOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DbOpenError';
  }
}

/** A schema name that is not a plain lower-case identifier (it is spliced into `search_path`). */
export class InvalidSchemaNameError extends Error {
  readonly schema: string;
  constructor(schema: string, options?: ErrorOptions) {
    super(`invalid schema name "${schema}": use [a-z_][a-z0-9_]*`, options);
    this.name = 'InvalidSchemaNameError';
    this.schema = schema;
  }
}

/** A migration failed; `migration` names it, `cause` carries the database error. */
export class MigrationError extends Error {
  readonly schema: string;
  readonly migration: string | undefined;
  constructor(
    message: string,
    details: { schema: string; migration?: string | undefined },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
    this.schema = details.schema;
    this.migration = details.migration;
  }
}

/** PostgreSQL server binaries (initdb, postgres) were not found for a throwaway test server. */
export class PostgresBinaryNotFoundError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PostgresBinaryNotFoundError';
  }
}

/**
 * The thread that runs the embedded PGlite ended (closed, crashed or terminated) before the
 * statement could run or answer.
 */
export class PGliteWorkerExitedError extends Error {
  readonly exitCode: number | undefined;
  constructor(details: { exitCode?: number; closed?: boolean }, options?: ErrorOptions) {
    super(
      details.closed
        ? 'the PGlite worker is closed'
        : `the PGlite worker exited${details.exitCode === undefined ? '' : ` (code ${details.exitCode})`}`,
      options,
    );
    this.name = 'PGliteWorkerExitedError';
    this.exitCode = details.exitCode;
  }
}

/** Every error class of `@anbu/db`, for `instanceof` checks. */
export const errors = Object.freeze({
  DbOpenError,
  InvalidSchemaNameError,
  MigrationError,
  PGliteWorkerExitedError,
  PostgresBinaryNotFoundError,
});
