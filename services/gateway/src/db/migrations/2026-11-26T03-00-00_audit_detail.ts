import type { Kysely } from 'kysely';

// Migrations describe the schema as it was at their time, so they do not use the query types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * What an administrative change did (a role granted with its organisation and districts, a
 * user disabled): the audit log records role and scope changes, not only reads. Never personal
 * data of the people served. Adding a column leaves the append-only triggers as they are.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('detail', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('detail').execute();
}
