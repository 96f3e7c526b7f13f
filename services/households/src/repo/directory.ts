import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { District, Organisation, Role, RoleLink } from '@anbu/contracts';
import { districtSchema, organisationSchema, roleLinkSchema, roleSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { DistrictRow, HouseholdsDatabase, MembershipRow, OrganisationRow } from './schema.js';

type Db = Kysely<HouseholdsDatabase> | Transaction<HouseholdsDatabase>;

const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'kind',
  'district_codes',
  'contact_email',
  'contact_phone',
  'active',
  'created_at',
] as const;

function rowToOrganisation(row: OrganisationRow): Organisation {
  return organisationSchema.parse({
    id: row.id,
    name: row.name,
    kind: row.kind,
    districtCodes: row.district_codes,
    contactEmail: row.contact_email ?? undefined,
    contactPhone: row.contact_phone ?? undefined,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  });
}

function rowToDistrict(row: DistrictRow): District {
  return districtSchema.parse({
    code: row.code,
    nameKo: row.name_ko,
    nameEn: row.name_en,
    welfareOfficeId: row.welfare_office_id ?? undefined,
    centre:
      row.centre_lat !== null && row.centre_lng !== null
        ? { lat: row.centre_lat, lng: row.centre_lng }
        : undefined,
  });
}

function rowToRoleLink(row: MembershipRow): RoleLink {
  return roleLinkSchema.parse({
    role: row.role,
    organisationId: row.organisation_id,
    districtCodes: row.district_codes,
    carrierId: row.carrier_id ?? undefined,
  });
}

/** Inserts an organisation; `false` when the id exists already. */
export async function insertOrganisation(
  db: Db,
  organisation: Omit<Organisation, 'createdAt' | 'active'>,
): Promise<boolean> {
  const result = await db
    .insertInto('organisations')
    .values({
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      district_codes: organisation.districtCodes,
      contact_email: organisation.contactEmail ?? null,
      contact_phone: organisation.contactPhone ?? null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Whether an organisation exists. */
export async function organisationExists(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** A page of organisations. */
export async function listOrganisationRows(
  db: Db,
  filter: { kinds?: readonly string[] | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: Organisation[]; nextCursor?: string }> {
  let query = db
    .selectFrom('organisations')
    .select(ORGANISATION_COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.kinds?.length) query = query.where('kind', 'in', filter.kinds);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToOrganisation });
}

/** Inserts or refreshes a district (names and centre may be corrected by a later import). */
export async function upsertDistrict(db: Db, district: District): Promise<void> {
  const values = {
    name_ko: district.nameKo,
    name_en: district.nameEn,
    welfare_office_id: district.welfareOfficeId ?? null,
    centre_lat: district.centre?.lat ?? null,
    centre_lng: district.centre?.lng ?? null,
  };
  await db
    .insertInto('districts')
    .values({ code: district.code, ...values })
    .onConflict((oc) => oc.column('code').doUpdateSet(values))
    .execute();
}

/** Every district, by code. */
export async function listDistrictRows(db: Db): Promise<District[]> {
  const rows = await db
    .selectFrom('districts')
    .select(['code', 'name_ko', 'name_en', 'welfare_office_id', 'centre_lat', 'centre_lng'])
    .orderBy('code')
    .execute();
  return rows.map(rowToDistrict);
}

/** Whether a district code is known. */
export async function districtExists(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('districts')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** Links a user to an organisation in a role; replaces districts and carrier of the same link. */
export async function upsertMembership(
  db: Db,
  membership: RoleLink & { id: string; userId: string },
): Promise<void> {
  const values = {
    district_codes: membership.districtCodes,
    carrier_id: membership.carrierId ?? null,
  };
  await db
    .insertInto('memberships')
    .values({
      id: membership.id,
      user_id: membership.userId,
      organisation_id: membership.organisationId,
      role: membership.role,
      ...values,
    })
    .onConflict((oc) => oc.columns(['user_id', 'organisation_id', 'role']).doUpdateSet(values))
    .execute();
}

/** A user's role as stored, with its id. */
export type StoredMembership = RoleLink & { id: string; userId: string };

function rowToMembership(row: MembershipRow): StoredMembership {
  return { ...rowToRoleLink(row), id: row.id, userId: row.user_id };
}

const sameLink = (a: RoleLink, b: RoleLink): boolean =>
  a.carrierId === b.carrierId &&
  [...a.districtCodes].sort().join() === [...b.districtCodes].sort().join();

/** The row of a role a user holds in an organisation (at most one: a unique key). */
function heldRole(db: Db, link: { userId: string; organisationId: string; role: Role }) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', '=', link.userId)
    .where('organisation_id', '=', link.organisationId)
    .where('role', '=', link.role);
}

/**
 * Grants a role, or changes the districts and carrier of one the user holds. Locks the user's
 * row of that role so that two admins granting at once cannot both read "not held".
 */
export async function grantMembershipRow(
  db: Kysely<HouseholdsDatabase>,
  grant: RoleLink & { userId: string; newId: string },
): Promise<{
  membership: StoredMembership;
  change: 'granted' | 'changed' | 'unchanged';
  before?: RoleLink;
}> {
  return db.transaction().execute(async (trx) => {
    const held = await heldRole(trx, grant).forUpdate().executeTakeFirst();
    const before = held ? rowToRoleLink(held) : undefined;
    if (held && before && sameLink(before, grant)) {
      return { membership: rowToMembership(held), change: 'unchanged' as const };
    }
    await upsertMembership(trx, { ...grant, id: held?.id ?? grant.newId });
    const stored = await heldRole(trx, grant).executeTakeFirstOrThrow();
    return before
      ? { membership: rowToMembership(stored), change: 'changed' as const, before }
      : { membership: rowToMembership(stored), change: 'granted' as const };
  });
}

/** Takes a role away; `false` when the user did not hold it. */
export async function revokeMembershipRow(
  db: Db,
  link: { userId: string; organisationId: string; role: Role },
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('memberships')
    .where('user_id', '=', link.userId)
    .where('organisation_id', '=', link.organisationId)
    .where('role', '=', link.role)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** Every role of some users. */
export async function membershipsOfUsers(
  db: Db,
  userIds: readonly string[],
): Promise<StoredMembership[]> {
  const rows = await db
    .selectFrom('memberships')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(rowToMembership);
}

/** Every role a user holds. */
export async function membershipsOf(db: Db, userId: string): Promise<RoleLink[]> {
  const rows = await db
    .selectFrom('memberships')
    .select([
      'id',
      'user_id',
      'organisation_id',
      'role',
      'district_codes',
      'carrier_id',
      'created_at',
    ])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(rowToRoleLink);
}

/** Roles that hold every district when their membership lists none. */
const WHOLE_CITY_ROLES: readonly Role[] = ['program_manager', 'admin', 'auditor'];

/**
 * The people holding one of `roles` for a district: those whose membership lists it, and
 * managers, admins or auditors whose membership lists no district (the whole city).
 */
export async function districtStaff(
  db: Db,
  options: { districtCode: string; roles: readonly Role[] },
): Promise<{ userId: string; role: Role }[]> {
  const wholeCity = options.roles.filter((r) => WHOLE_CITY_ROLES.includes(r));
  const rows = await db
    .selectFrom('memberships')
    .select(['user_id', 'role'])
    .where('role', 'in', options.roles)
    .where((eb) =>
      eb.or([
        eb(
          sql<string[]>`district_codes`,
          '@>',
          sql<string[]>`array[${options.districtCode}]::text[]`,
        ),
        ...(wholeCity.length > 0
          ? [
              eb.and([
                eb('role', 'in', wholeCity),
                eb(sql<number>`cardinality(district_codes)`, '=', 0),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('user_id')
    .orderBy('role')
    .limit(1000)
    .execute();
  return rows.map((row) => ({ userId: row.user_id, role: roleSchema.parse(row.role) }));
}
