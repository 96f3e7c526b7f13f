export { createDb, DEFAULT_DATA_DIR, DEFAULT_POOL_SIZE } from './create-db.js';
export type { CreateDbOptions, DbHandle } from './create-db.js';
export { migrateToLatest } from './migrate.js';
export type { MigrateOptions, MigrateReport, Migrations } from './migrate.js';
export { transaction } from './transaction.js';
export { isDatabaseUnavailable } from './unavailable.js';
export { encodeCursor, decodeCursor, toPage } from './page.js';
export type { TransactionOptions } from './transaction.js';
export { silentLogger } from './logger.js';
export type { Logger } from './logger.js';
export {
  errors,
  DbOpenError,
  InvalidSchemaNameError,
  MigrationError,
  PGliteWorkerExitedError,
  PostgresBinaryNotFoundError,
} from './errors.js';
