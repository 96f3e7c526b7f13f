import type { Kysely, Transaction } from 'kysely';

import type { CareDatabase } from './schema.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;

/** Records a household's district, keeping the newest version (events may arrive out of order). */
export async function upsertHouseholdDistrict(
  db: Db,
  entry: { householdId: string; districtCode: string; version: number },
): Promise<void> {
  await db
    .insertInto('household_districts')
    .values({
      household_id: entry.householdId,
      district_code: entry.districtCode,
      version: entry.version,
    })
    .onConflict((oc) =>
      oc
        .column('household_id')
        .doUpdateSet({ district_code: entry.districtCode, version: entry.version })
        .where('household_districts.version', '<', entry.version),
    )
    .execute();
}

/** The district of a household as care last heard it, or undefined. */
export async function districtOf(db: Db, householdId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('household_districts')
    .select('district_code')
    .where('household_id', '=', householdId)
    .executeTakeFirst();
  return row?.district_code;
}
