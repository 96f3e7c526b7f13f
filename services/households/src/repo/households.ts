import type { Kysely, Transaction } from 'kysely';

import type { Household, HouseholdInput, HouseholdPublic } from '@anbu/contracts';
import { householdPublicSchema, householdSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { RecordCipher } from '../crypto/field-cipher.js';
import type { SensitiveFields } from '../domain/household.js';
import type { HouseholdRow, HouseholdsDatabase, NewHouseholdRow } from './schema.js';
import { splitSensitive } from '../domain/household.js';

type Db = Kysely<HouseholdsDatabase> | Transaction<HouseholdsDatabase>;

const COLUMNS = [
  'id',
  'organisation_id',
  'district_code',
  'type',
  'risk_level',
  'member_count',
  'dietary_tags',
  'allergens',
  'preferred_from',
  'preferred_to',
  'caseworker_id',
  'sensitive',
  'status',
  'version',
  'created_by',
  'created_at',
  'updated_at',
] as const;

/** The plain columns of a household from its input (the sensitive ones are encrypted). */
export function toHouseholdColumns(
  input: HouseholdInput,
  options: { id: string; cipher: RecordCipher },
): Omit<NewHouseholdRow, 'id' | 'organisation_id' | 'created_by'> {
  const { sensitive, plain } = splitSensitive(input);
  return {
    district_code: plain.districtCode,
    type: plain.type,
    risk_level: plain.riskLevel,
    member_count: plain.memberCount,
    dietary_tags: plain.dietaryTags,
    allergens: plain.allergens,
    preferred_from: plain.preferredWindow?.from ?? null,
    preferred_to: plain.preferredWindow?.to ?? null,
    caseworker_id: plain.caseworkerId ?? null,
    sensitive: options.cipher.forRecord(options.id).encrypt(sensitive),
  };
}

/** Inserts a household; `false` when the id exists already (imports are idempotent). */
export async function insertHousehold(
  db: Db,
  options: {
    id: string;
    organisationId: string;
    input: HouseholdInput;
    cipher: RecordCipher;
    createdBy: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('households')
    .values({
      id: options.id,
      organisation_id: options.organisationId,
      created_by: options.createdBy,
      ...toHouseholdColumns(options.input, options),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** One household row, or undefined. */
export async function findHouseholdRow(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<HouseholdRow | undefined> {
  let query = db.selectFrom('households').select(COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Rows of several households (for delivery profiles). */
export async function findHouseholdRows(db: Db, ids: readonly string[]): Promise<HouseholdRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('households').select(COLUMNS).where('id', 'in', ids).execute();
}

/** Writes new values over a household if its version is still `expectedVersion`. */
export async function updateHouseholdRow(
  db: Db,
  options: { id: string; expectedVersion: number; input: HouseholdInput; cipher: RecordCipher },
): Promise<HouseholdRow | undefined> {
  return db
    .updateTable('households')
    .set((eb) => ({
      ...toHouseholdColumns(options.input, options),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', options.id)
    .where('version', '=', options.expectedVersion)
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** A page of households of some districts, ordered by id. */
export async function listHouseholdRows(
  db: Db,
  filter: {
    districtCodes: readonly string[];
    types?: readonly string[] | undefined;
    riskLevels?: readonly string[] | undefined;
    status?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: HouseholdPublic[]; nextCursor?: string }> {
  let query = db
    .selectFrom('households')
    .select(COLUMNS)
    .where('district_code', 'in', filter.districtCodes)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.types?.length) query = query.where('type', 'in', filter.types);
  if (filter.riskLevels?.length) query = query.where('risk_level', 'in', filter.riskLevels);
  if (filter.status) query = query.where('status', '=', filter.status);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToPublicHousehold });
}

/** Households per district (for the import report and the health of the seed). */
export async function countHouseholds(db: Db): Promise<number> {
  const row = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function plainFields(row: HouseholdRow) {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    districtCode: row.district_code,
    type: row.type,
    riskLevel: row.risk_level,
    memberCount: row.member_count,
    dietaryTags: row.dietary_tags,
    allergens: row.allergens,
    preferredWindow:
      row.preferred_from && row.preferred_to
        ? { from: row.preferred_from, to: row.preferred_to }
        : undefined,
    caseworkerId: row.caseworker_id ?? undefined,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A row as a household without its sensitive fields (no decryption happens). */
export function rowToPublicHousehold(row: HouseholdRow): HouseholdPublic {
  return householdPublicSchema.parse(plainFields(row));
}

/** Decrypts the sensitive fields of a row. */
export function decryptSensitive(row: HouseholdRow, cipher: RecordCipher): SensitiveFields {
  return cipher.forRecord(row.id).decrypt(row.sensitive) as SensitiveFields;
}

/** A row as a whole household, sensitive fields decrypted. Callers audit this read. */
export function rowToHousehold(row: HouseholdRow, cipher: RecordCipher): Household {
  return householdSchema.parse({ ...plainFields(row), ...decryptSensitive(row, cipher) });
}
