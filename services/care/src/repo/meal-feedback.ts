import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { sql } from 'kysely';

import type { mealFeedbackEntrySchema } from '@anbu/contracts/rpc';
import { mealFeedbackSchema, SEOUL_UTC_OFFSET_MINUTES } from '@anbu/contracts';

import type { CareDatabase } from './schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';

type Db = Kysely<CareDatabase> | Transaction<CareDatabase>;
type MealFeedbackEntry = z.infer<typeof mealFeedbackEntrySchema>;

/** The first instant of an Asia/Seoul day. */
function seoulMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SEOUL_UTC_OFFSET_MINUTES * 60_000);
}

/**
 * A page of meal-box feedback from visits between two Asia/Seoul days (inclusive), newest
 * first; narrowed to some households, or to households of some districts.
 */
export async function listMealFeedbackRows(
  db: Db,
  filter: {
    from: string;
    to: string;
    householdIds?: readonly string[] | undefined;
    districtCodes?: readonly string[] | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: MealFeedbackEntry[]; nextCursor?: string }> {
  const end = new Date(seoulMidnight(filter.to).getTime() + 24 * 3600_000);
  let query = db
    .selectFrom('visit_reports')
    .select(['id', 'household_id', 'visited_at', 'meal_feedback'])
    .where('meal_feedback', 'is not', null)
    .where('visited_at', '>=', seoulMidnight(filter.from))
    .where('visited_at', '<', end)
    .orderBy('visited_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.householdIds) {
    query = query.where(
      'household_id',
      'in',
      filter.householdIds.length ? filter.householdIds : ['00000000-0000-0000-0000-000000000000'],
    );
  }
  if (filter.districtCodes) {
    const codes = filter.districtCodes.length ? filter.districtCodes : [''];
    query = query.where('household_id', 'in', (eb) =>
      eb
        .selectFrom('household_districts')
        .select('household_id')
        .where('district_code', 'in', codes),
    );
  }
  const after = decodeCursor(filter.cursor);
  if (after) {
    query = query.where(
      sql<boolean>`(visited_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await query.execute();
  const more = rows.length > filter.limit;
  const items = (more ? rows.slice(0, filter.limit) : rows).map((row) => ({
    visitReportId: row.id,
    householdId: row.household_id,
    visitedAt: row.visited_at.toISOString(),
    feedback: mealFeedbackSchema.parse(row.meal_feedback),
  }));
  const last = items.at(-1);
  return {
    items,
    ...(more && last
      ? { nextCursor: encodeCursor({ at: last.visitedAt, id: last.visitReportId }) }
      : {}),
  };
}
