import type { Kysely, Transaction } from 'kysely';

import type { UnmetNeed } from '@anbu/contracts';
import { unmetNeedSchema } from '@anbu/contracts';

import type { MatchingDatabase } from './schema.js';

type Db = Kysely<MatchingDatabase> | Transaction<MatchingDatabase>;

/** What the matcher's view knows of a need (for access checks). */
export async function findNeedView(
  db: Db,
  needId: string,
): Promise<{ districtCode: string; quantity: number; allocated: number } | undefined> {
  const row = await db
    .selectFrom('open_needs')
    .select(['district_code', 'quantity', 'allocated'])
    .where('need_id', '=', needId)
    .executeTakeFirst();
  return (
    row && { districtCode: row.district_code, quantity: row.quantity, allocated: row.allocated }
  );
}

/** Why the last run left the need (partly) unmet, if it did. */
export async function findUnmetNeed(db: Db, needId: string): Promise<UnmetNeed | undefined> {
  const row = await db
    .selectFrom('unmet_needs')
    .select(['need_id', 'quantity_missing', 'reasons'])
    .where('need_id', '=', needId)
    .executeTakeFirst();
  return (
    row &&
    unmetNeedSchema.parse({
      needId: row.need_id,
      quantityMissing: row.quantity_missing,
      reasons: row.reasons,
    })
  );
}
