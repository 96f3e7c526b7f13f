import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { GatewayTables, UserRow } from '../db/schema.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password.js';

type Db = Kysely<GatewayTables>;

/** A login: an e-mail address or a short handle, compared case-insensitively. */
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(254)
  .regex(/^[a-z0-9._@+-]+$/, 'letters, digits and . _ @ + - only');

/** What {@link createUser} needs; the id is fixed by the caller when households links it. */
export const newUserSchema = z.object({
  id: z.uuid().optional(),
  login: loginSchema,
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
});
export type NewUser = z.input<typeof newUserSchema>;

/** A user as the rest of the gateway sees it (never the password hash). */
export interface GatewayUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
}

function rowToUser(row: Pick<UserRow, 'id' | 'login' | 'display_name'>): GatewayUser {
  return { id: row.id, login: row.login, displayName: row.display_name };
}

/**
 * Creates a user with an Argon2id password hash. When a user with the same login exists it is
 * returned unchanged, so seeding twice is harmless.
 * @example
 * const user = await createUser(db, { login: 'caseworker@demo', displayName: '김복지', password });
 */
export async function createUser(db: Db, input: NewUser): Promise<GatewayUser> {
  const parsed = newUserSchema.parse(input);
  const existing = await findUserByLogin(db, parsed.login);
  if (existing) return rowToUser(existing);
  const row = await db
    .insertInto('users')
    .values({
      id: parsed.id ?? crypto.randomUUID(),
      login: parsed.login,
      display_name: parsed.displayName,
      password_hash: await hashPassword(parsed.password),
      disabled_at: null,
    })
    .onConflict((oc) => oc.column('login').doNothing())
    .returning(['id', 'login', 'display_name'])
    .executeTakeFirst();
  if (row) return rowToUser(row);
  // Another replica inserted the same login between our check and insert.
  const raced = await findUserByLogin(db, parsed.login);
  if (!raced) throw new Error(`user ${parsed.login} vanished while being created`);
  return rowToUser(raced);
}

/** The active user with this login, including the hash (for the login check only). */
export async function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'display_name', 'password_hash', 'created_at', 'disabled_at'])
    .where('login', '=', login.trim().toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** The user with this id, if active. */
export async function findUserById(db: Db, id: string): Promise<GatewayUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'login', 'display_name'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && rowToUser(row);
}

/** A user as an administrator sees it: with when it was made and whether it is disabled. */
export interface AdministeredUser extends GatewayUser {
  readonly createdAt: string;
  readonly disabled: boolean;
}

function rowToAdministered(
  row: Pick<UserRow, 'id' | 'login' | 'display_name' | 'created_at' | 'disabled_at'>,
): AdministeredUser {
  return {
    ...rowToUser(row),
    createdAt: new Date(row.created_at).toISOString(),
    disabled: row.disabled_at !== null,
  };
}

const ADMINISTERED_COLUMNS = ['id', 'login', 'display_name', 'created_at', 'disabled_at'] as const;

/** Users in login order, a page at a time (`after`: the last login of the previous page). */
export async function listUsers(
  db: Db,
  options: { after?: string | undefined; limit: number },
): Promise<AdministeredUser[]> {
  let query = db
    .selectFrom('users')
    .select(ADMINISTERED_COLUMNS)
    .orderBy('login')
    .limit(options.limit);
  if (options.after !== undefined) query = query.where('login', '>', options.after);
  return (await query.execute()).map(rowToAdministered);
}

/** The user with this id or login, disabled or not. */
export async function findAdministeredUser(
  db: Db,
  by: { id: string } | { login: string },
): Promise<AdministeredUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(ADMINISTERED_COLUMNS)
    .where((eb) =>
      'id' in by ? eb('id', '=', by.id) : eb('login', '=', by.login.trim().toLowerCase()),
    )
    .executeTakeFirst();
  return row && rowToAdministered(row);
}

/** Disables a user (the row stays: audit rows and history point at it); `false` if none. */
export async function disableUser(db: Db, options: { id: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ disabled_at: options.now })
    .where('id', '=', options.id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
