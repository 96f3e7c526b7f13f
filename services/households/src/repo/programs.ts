import type { Kysely, Transaction } from 'kysely';

import type { Program, ProgramInput } from '@anbu/contracts';
import { programSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { HouseholdsDatabase, ProgramRow } from './schema.js';

type Db = Kysely<HouseholdsDatabase> | Transaction<HouseholdsDatabase>;

const COLUMNS = [
  'id',
  'organisation_id',
  'name',
  'kind',
  'cadence',
  'item_template',
  'storage_class',
  'rounds',
  'starts_on',
  'ends_on',
  'district_codes',
  'supplier_organisation_id',
  'active',
  'created_at',
] as const;

/** A program row as the contract's {@link Program}. */
export function rowToProgram(row: ProgramRow): Program {
  return programSchema.parse({
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    kind: row.kind,
    cadence: row.cadence,
    itemTemplate: row.item_template,
    storageClass: row.storage_class,
    rounds: row.rounds ?? undefined,
    startsOn: row.starts_on,
    endsOn: row.ends_on ?? undefined,
    districtCodes: row.district_codes,
    supplierOrganisationId: row.supplier_organisation_id ?? undefined,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  });
}

/** Inserts a program; `false` when the id exists already. */
export async function insertProgram(
  db: Db,
  program: ProgramInput & { id: string; organisationId: string },
): Promise<boolean> {
  const result = await db
    .insertInto('programs')
    .values({
      id: program.id,
      organisation_id: program.organisationId,
      name: program.name,
      kind: program.kind,
      cadence: JSON.stringify(program.cadence),
      item_template: JSON.stringify(program.itemTemplate),
      storage_class: program.storageClass,
      rounds: program.rounds ?? null,
      starts_on: program.startsOn,
      ends_on: program.endsOn ?? null,
      district_codes: program.districtCodes,
      supplier_organisation_id: program.supplierOrganisationId ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** One program, or undefined. */
export async function findProgram(db: Db, id: string): Promise<Program | undefined> {
  const row = await db
    .selectFrom('programs')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToProgram(row);
}

/** A page of programs. */
export async function listProgramRows(
  db: Db,
  filter: {
    organisationId?: string | undefined;
    active?: boolean | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Program[]; nextCursor?: string }> {
  let query = db
    .selectFrom('programs')
    .select(COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToProgram });
}
