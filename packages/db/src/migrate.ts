import type { Kysely } from 'kysely';
import type { Migration, MigrationResult } from 'kysely/migration';
import { Migrator } from 'kysely/migration';

import type { Logger } from './logger.js';
import { MigrationError } from './errors.js';
import { silentLogger } from './logger.js';

/** A service's migrations, keyed by a name that sorts in order (`2025-01-15T09-00-00_create_x`). */
export type Migrations = Readonly<Record<string, Migration>>;

export interface MigrateOptions<DB = unknown> {
  /** The service's Kysely (from `DbHandle.forSchema(schema)`). */
  readonly db: Kysely<DB>;
  /** The service schema; its migration tables live inside it. */
  readonly schema: string;
  readonly migrations: Migrations;
  readonly log?: Logger;
}

/** What {@link migrateToLatest} did: one result per migration it touched. */
export interface MigrateReport {
  readonly error: MigrationError | undefined;
  readonly results: readonly MigrationResult[];
}

/**
 * Creates the service schema if needed and runs every pending migration in name order, with
 * Kysely's lock so that replicas starting together run each migration once. Never throws.
 * @example
 * const { error } = await migrateToLatest({ db, schema: 'households', migrations });
 * if (error) throw error;
 */
export async function migrateToLatest<DB>(options: MigrateOptions<DB>): Promise<MigrateReport> {
  const { db, schema, migrations, log = silentLogger } = options;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
    migrationTableSchema: schema,
  });
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await migrator.migrateToLatest();
  } catch (cause) {
    // Documented never to throw; guard anyway so a caller's `if (error)` is the only path.
    const error = new MigrationError(`migrating schema "${schema}" failed`, { schema }, { cause });
    return { error, results: [] };
  }
  const results = outcome.results ?? [];
  for (const result of results) {
    log.info({ schema, migration: result.migrationName, status: result.status }, 'migration');
  }
  if (outcome.error === undefined) return { error: undefined, results };
  const failed = results.find((result) => result.status === 'Error');
  const error = new MigrationError(
    failed
      ? `migration "${failed.migrationName}" of schema "${schema}" failed`
      : `migrating schema "${schema}" failed`,
    { schema, migration: failed?.migrationName },
    { cause: outcome.error },
  );
  log.error({ err: error, schema }, 'migration failed');
  return { error, results };
}
