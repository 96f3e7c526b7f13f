import type { Kysely } from 'kysely';

// Migrations describe the schema as it was at their time, so they do not use the query types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The check-in feed a key is issued for (`ai_call`, `phone_inactivity`, …): such a key posts
 * signals of that source only. Null for partner keys that post no signals.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('signal_source', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('signal_source').execute();
}
