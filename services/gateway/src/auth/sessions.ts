import type { Kysely } from 'kysely';
import { createQueryId } from 'kysely';
import { z } from 'zod';

import type { Actor, Role } from '@anbu/contracts';

import type { GatewayTables } from '../db/schema.js';
import type { Membership } from './memberships.js';
import { membershipSchema } from './memberships.js';
import { randomToken, sha256Hex } from './tokens.js';

type Db = Kysely<GatewayTables>;

/** How long a session lives after login. */
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** A signed-in user's session, with the membership they currently act in. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly active: Membership;
  readonly memberships: readonly Membership[];
  readonly expiresAt: Date;
}

const membershipsSchema = z.array(membershipSchema);

/** The {@link Actor} that travels with every RPC made on behalf of this session. */
export function sessionActor(session: Session): Actor {
  return {
    kind: 'user',
    id: session.userId,
    role: session.active.role,
    organisationId: session.active.organisationId,
    districtCodes: session.active.districtCodes,
    carrierId: session.active.carrierId,
  };
}

/** Finds the membership that grants `role` (in `organisationId` when given). */
export function findMembership(
  memberships: readonly Membership[],
  target: { role: Role; organisationId?: string | undefined },
): Membership | undefined {
  return memberships.find(
    (m) =>
      m.role === target.role &&
      (target.organisationId === undefined || m.organisationId === target.organisationId),
  );
}

/**
 * Opens a session; returns the token for the cookie (only its hash is stored).
 * The memberships are a snapshot: a role change takes effect at the next login.
 */
export async function createSession(
  db: Db,
  options: {
    userId: string;
    memberships: readonly Membership[];
    active: Membership;
    ip: string;
    userAgent: string;
    ttlMs: number;
    now: Date;
  },
): Promise<{ token: string; session: Session }> {
  const token = randomToken();
  const id = crypto.randomUUID();
  const expiresAt = new Date(options.now.getTime() + options.ttlMs);
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: sha256Hex(token),
      user_id: options.userId,
      active_role: options.active.role,
      organisation_id: options.active.organisationId,
      memberships: JSON.stringify(options.memberships),
      ip: options.ip.slice(0, 100),
      user_agent: options.userAgent.slice(0, 500),
      last_seen_at: options.now,
      expires_at: expiresAt,
    })
    .execute();
  const session = {
    id,
    userId: options.userId,
    active: options.active,
    memberships: options.memberships,
    expiresAt,
  };
  return { token, session };
}

// The session lookup runs on every signed-in request: it is built and compiled once per
// database with stand-ins for its two values, which each call swaps for the real ones (building
// and compiling it per request was ~5 % of the gateway's CPU under field traffic).
const TOKEN_HASH_SLOT = '\u0000token_hash';
const NOW_SLOT = new Date(0);

function compileSessionLookup(db: Db) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.active_role',
      'sessions.organisation_id',
      'sessions.memberships',
      'sessions.last_seen_at',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', TOKEN_HASH_SLOT)
    .where('sessions.expires_at', '>', NOW_SLOT)
    .where('users.disabled_at', 'is', null)
    .compile();
}

type SessionLookup = ReturnType<typeof compileSessionLookup>;
const sessionLookups = new WeakMap<Db, SessionLookup>();

/** The compiled lookup with this call's token hash and instant in place of the stand-ins. */
function sessionLookup(db: Db, values: { tokenHash: string; now: Date }): SessionLookup {
  let compiled = sessionLookups.get(db);
  if (!compiled) {
    compiled = compileSessionLookup(db);
    sessionLookups.set(db, compiled);
  }
  const parameters = compiled.parameters.map((value) => {
    if (value === TOKEN_HASH_SLOT) return values.tokenHash;
    if (value === NOW_SLOT) return values.now;
    return value;
  });
  return { ...compiled, parameters, queryId: createQueryId() };
}

/** The live session for a cookie token, or undefined when unknown or expired. */
export async function findSession(
  db: Db,
  options: { token: string; now: Date },
): Promise<Session | undefined> {
  const lookup = sessionLookup(db, { tokenHash: sha256Hex(options.token), now: options.now });
  const [row] = (await db.executeQuery(lookup)).rows;
  if (!row) return undefined;
  const memberships = membershipsSchema.parse(parseJson(row.memberships));
  const active = memberships.find(
    (m) => m.role === row.active_role && m.organisationId === row.organisation_id,
  );
  if (!active) return undefined;
  if (options.now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: options.now })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    id: row.id,
    userId: row.user_id,
    active,
    memberships,
    expiresAt: new Date(row.expires_at),
  };
}

/** Makes `membership` (one the session already holds) the one the session acts in. */
export async function switchActiveMembership(
  db: Db,
  options: { session: Session; membership: Membership },
): Promise<Session> {
  await db
    .updateTable('sessions')
    .set({
      active_role: options.membership.role,
      organisation_id: options.membership.organisationId,
    })
    .where('id', '=', options.session.id)
    .execute();
  return { ...options.session, active: options.membership };
}

/** Ends the session of this token (logout). */
export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256Hex(token)).execute();
}

/**
 * Ends every session of a user: a revoked role or a disabled account takes effect at once,
 * not at the next login (sessions hold a snapshot of the roles). Returns how many ended.
 */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions that expired before `now`; returns how many. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// pg parses jsonb for us; PGlite does too, but a text column would not: accept both.
function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}
