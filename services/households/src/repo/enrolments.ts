import type { Kysely, Transaction } from 'kysely';

import type { Enrolment } from '@anbu/contracts';
import { enrolmentSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { EnrolmentRow, HouseholdsDatabase } from './schema.js';

type Db = Kysely<HouseholdsDatabase> | Transaction<HouseholdsDatabase>;

const COLUMNS = [
  'id',
  'household_id',
  'program_id',
  'consent_id',
  'starts_on',
  'ends_on',
  'status',
  'ended_reason',
  'note',
  'enrolled_by',
  'created_at',
] as const;

/** An enrolment row as the contract's {@link Enrolment}. */
export function rowToEnrolment(row: EnrolmentRow): Enrolment {
  return enrolmentSchema.parse({
    id: row.id,
    householdId: row.household_id,
    programId: row.program_id,
    consentId: row.consent_id,
    startsOn: row.starts_on,
    endsOn: row.ends_on ?? undefined,
    status: row.status,
    endedReason: row.ended_reason ?? undefined,
    note: row.note ?? undefined,
    enrolledBy: row.enrolled_by,
    createdAt: row.created_at.toISOString(),
  });
}

/** Inserts an enrolment; `false` when it exists (same id, or a live one for the same program). */
export async function insertEnrolment(
  db: Db,
  enrolment: Omit<Enrolment, 'createdAt' | 'status' | 'endedReason'>,
): Promise<boolean> {
  const result = await db
    .insertInto('enrolments')
    .values({
      id: enrolment.id,
      household_id: enrolment.householdId,
      program_id: enrolment.programId,
      consent_id: enrolment.consentId,
      starts_on: enrolment.startsOn,
      ends_on: enrolment.endsOn ?? null,
      status: 'active',
      ended_reason: null,
      note: enrolment.note ?? null,
      enrolled_by: enrolment.enrolledBy,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** One enrolment, or undefined. */
export async function findEnrolment(db: Db, id: string): Promise<Enrolment | undefined> {
  const row = await db
    .selectFrom('enrolments')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToEnrolment(row);
}

/** The live (not ended) enrolment of a household in a program, if any. */
export async function findLiveEnrolment(
  db: Db,
  options: { householdId: string; programId: string },
): Promise<Enrolment | undefined> {
  const row = await db
    .selectFrom('enrolments')
    .select(COLUMNS)
    .where('household_id', '=', options.householdId)
    .where('program_id', '=', options.programId)
    .where('status', '<>', 'ended')
    .executeTakeFirst();
  return row && rowToEnrolment(row);
}

/** Ends one enrolment, or every live enrolment resting on a consent; returns those ended. */
export async function endEnrolments(
  db: Db,
  options: { enrolmentId?: string; consentId?: string; reason: string; endsOn: string },
): Promise<Enrolment[]> {
  let query = db
    .updateTable('enrolments')
    .set({ status: 'ended', ended_reason: options.reason, ends_on: options.endsOn })
    .where('status', '<>', 'ended');
  if (options.enrolmentId) query = query.where('id', '=', options.enrolmentId);
  if (options.consentId) query = query.where('consent_id', '=', options.consentId);
  const rows = await query.returning(COLUMNS).execute();
  return rows.map(rowToEnrolment);
}

/** A page of enrolments of a household or a program. */
export async function listEnrolmentRows(
  db: Db,
  filter: {
    householdId?: string | undefined;
    programId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Enrolment[]; nextCursor?: string }> {
  let query = db
    .selectFrom('enrolments')
    .select(COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.householdId) query = query.where('household_id', '=', filter.householdId);
  if (filter.programId) query = query.where('program_id', '=', filter.programId);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToEnrolment });
}
