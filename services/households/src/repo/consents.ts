import type { Kysely, Transaction } from 'kysely';

import type { Consent, ConsentInput } from '@anbu/contracts';
import { consentSchema } from '@anbu/contracts';

import type { ConsentRow, HouseholdsDatabase } from './schema.js';

type Db = Kysely<HouseholdsDatabase> | Transaction<HouseholdsDatabase>;

const COLUMNS = [
  'id',
  'household_id',
  'scopes',
  'given_on',
  'method',
  'note',
  'recorded_by',
  'recorded_at',
  'withdrawn_at',
  'withdrawn_by',
] as const;

/** A consent row as the contract's {@link Consent}. */
export function rowToConsent(row: ConsentRow): Consent {
  return consentSchema.parse({
    id: row.id,
    householdId: row.household_id,
    scopes: row.scopes,
    givenOn: row.given_on,
    method: row.method,
    note: row.note ?? undefined,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString(),
    withdrawnBy: row.withdrawn_by ?? undefined,
  });
}

/** Records a consent; `false` when the id exists already. */
export async function insertConsent(
  db: Db,
  consent: ConsentInput & {
    id: string;
    householdId: string;
    recordedBy: string;
    recordedAt?: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('consents')
    .values({
      id: consent.id,
      household_id: consent.householdId,
      scopes: consent.scopes,
      given_on: consent.givenOn,
      method: consent.method,
      note: consent.note ?? null,
      recorded_by: consent.recordedBy,
      ...(consent.recordedAt ? { recorded_at: consent.recordedAt } : {}),
      withdrawn_at: null,
      withdrawn_by: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** The consents of a household, newest first. */
export async function listConsentsOf(db: Db, householdId: string): Promise<Consent[]> {
  const rows = await db
    .selectFrom('consents')
    .select(COLUMNS)
    .where('household_id', '=', householdId)
    .orderBy('recorded_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(rowToConsent);
}

/** One consent, or undefined. */
export async function findConsent(db: Db, id: string): Promise<Consent | undefined> {
  const row = await db
    .selectFrom('consents')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToConsent(row);
}

/** Marks a consent withdrawn (once); returns it, or undefined if it was withdrawn already. */
export async function markConsentWithdrawn(
  db: Db,
  options: { id: string; by: string; at: Date },
): Promise<Consent | undefined> {
  const row = await db
    .updateTable('consents')
    .set({ withdrawn_at: options.at, withdrawn_by: options.by })
    .where('id', '=', options.id)
    .where('withdrawn_at', 'is', null)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && rowToConsent(row);
}
