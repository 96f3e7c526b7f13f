import type { Transaction } from 'kysely';
import { sql } from 'kysely';

import type { CareDatabase } from './schema.js';

/**
 * Serialises work on one household until the caller's transaction ends: two stop updates (or
 * two signals) of a household handled at once, by one replica or two, would each miss the
 * other in the history they read ("not home twice" seen as once).
 */
export async function lockHousehold(
  trx: Transaction<CareDatabase>,
  householdId: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${householdId}, 0))`.execute(trx);
}
