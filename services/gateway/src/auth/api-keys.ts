import type { Kysely } from 'kysely';

import type { SignalSource } from '@anbu/contracts';
import { signalSourceSchema } from '@anbu/contracts';

import type { GatewayTables } from '../db/schema.js';
import { digestsEqual, randomToken, sha256Hex } from './tokens.js';

type Db = Kysely<GatewayTables>;

/** Every key starts with this, so leaked keys are easy to spot by secret scanners. */
export const API_KEY_PREFIX = 'anbu_';
const KEY_PATTERN = /^anbu_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** An API key of a partner system, as shown in lists (never the secret). */
export interface ApiKeyInfo {
  readonly id: string;
  /** The public part, e.g. `anbu_3fK9aQ2mXz1B`, that people use to tell keys apart. */
  readonly prefix: string;
  readonly organisationId: string;
  readonly name: string;
  /** The check-in feed the key is issued for: it posts signals of this source only. */
  readonly signalSource?: SignalSource | undefined;
}

/** A stored feed column as the contract's source (an unknown value binds to nothing). */
const feedOf = (value: string | null): SignalSource | undefined =>
  value === null ? undefined : signalSourceSchema.safeParse(value).data;

function publicId(): string {
  // 12 alphanumerics; base64url characters outside [A-Za-z0-9] are dropped and refilled.
  let id = '';
  while (id.length < 12) id += randomToken(12).replace(/[^A-Za-z0-9]/g, '');
  return id.slice(0, 12);
}

/**
 * Issues an API key for an organisation; the returned `key` is shown once and never stored.
 * @example
 * const { key } = await createApiKey(db, { organisationId, name: 'Food bank ERP' });
 * // partner sends: Authorization: Bearer anbu_XXXXXXXXXXXX_…
 * const feed = await createApiKey(db, { organisationId, name: 'AI calls', signalSource: 'ai_call' });
 */
export async function createApiKey(
  db: Db,
  options: { organisationId: string; name: string; signalSource?: SignalSource | undefined },
): Promise<ApiKeyInfo & { key: string }> {
  const id = crypto.randomUUID();
  const prefix = `${API_KEY_PREFIX}${publicId()}`;
  const key = `${prefix}_${randomToken(32)}`;
  await db
    .insertInto('api_keys')
    .values({
      id,
      prefix,
      key_hash: sha256Hex(key),
      organisation_id: options.organisationId,
      name: options.name,
      last_used_at: null,
      revoked_at: null,
      signal_source: options.signalSource ?? null,
    })
    .execute();
  return {
    id,
    prefix,
    organisationId: options.organisationId,
    name: options.name,
    ...(options.signalSource ? { signalSource: options.signalSource } : {}),
    key,
  };
}

/**
 * How stale `last_used_at` may be: a key is written at most once per this many milliseconds per
 * gateway process, so a partner's REST burst costs PostgreSQL a read per call, not a write.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** When each key's `last_used_at` was last written, per database (one map per gateway). */
const lastUseWrites = new WeakMap<Db, Map<string, number>>();

/** Whether `last_used_at` of key `id` is due a write at `now` (and notes it as written if so). */
function lastUseDue(db: Db, id: string, now: Date): boolean {
  let writes = lastUseWrites.get(db);
  if (!writes) {
    writes = new Map();
    lastUseWrites.set(db, writes);
  }
  const at = now.getTime();
  const last = writes.get(id);
  // A clock set back counts as due, so that the column never lags behind by more than a minute.
  if (last !== undefined && at >= last && at - last < LAST_USED_RESOLUTION_MS) return false;
  writes.set(id, at);
  return true;
}

/**
 * The key's record when `key` is a live key; undefined for unknown, malformed or revoked keys.
 * Records its use in `last_used_at` at most once a minute per key ({@link LAST_USED_RESOLUTION_MS}).
 */
export async function verifyApiKey(
  db: Db,
  options: { key: string; now: Date },
): Promise<ApiKeyInfo | undefined> {
  const match = KEY_PATTERN.exec(options.key);
  if (!match) return undefined;
  const prefix = `${API_KEY_PREFIX}${match[1] ?? ''}`;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'prefix', 'key_hash', 'organisation_id', 'name', 'signal_source'])
    .where('prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || !digestsEqual(row.key_hash, sha256Hex(options.key))) return undefined;
  if (lastUseDue(db, row.id, options.now)) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: options.now })
      .where('id', '=', row.id)
      .execute()
      .catch((err: unknown) => {
        // Not written: let the next call try again rather than wait out the minute.
        lastUseWrites.get(db)?.delete(row.id);
        throw err;
      });
  }
  const signalSource = feedOf(row.signal_source);
  return {
    id: row.id,
    prefix: row.prefix,
    organisationId: row.organisation_id,
    name: row.name,
    ...(signalSource ? { signalSource } : {}),
  };
}

/** A key in a list: its public part, owner and use (never the secret or its hash). */
export interface ApiKeyListItem extends ApiKeyInfo {
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

const iso = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

/** The keys of one organisation (or of all, without `organisationId`), newest first. */
export async function listApiKeys(
  db: Db,
  options: { organisationId?: string | undefined },
): Promise<ApiKeyListItem[]> {
  let query = db
    .selectFrom('api_keys')
    .select([
      'id',
      'prefix',
      'organisation_id',
      'name',
      'signal_source',
      'created_at',
      'last_used_at',
      'revoked_at',
    ])
    .orderBy('created_at', 'desc')
    .limit(500);
  if (options.organisationId) query = query.where('organisation_id', '=', options.organisationId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    prefix: row.prefix,
    organisationId: row.organisation_id,
    name: row.name,
    ...(row.signal_source === null ? {} : { signalSource: feedOf(row.signal_source) }),
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  }));
}

/** The organisation a key belongs to, if the key exists. */
export async function apiKeyOrganisation(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .select('organisation_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.organisation_id;
}

/** Revokes a key; later requests with it get 401. */
export async function revokeApiKey(db: Db, options: { id: string; now: Date }): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: options.now })
    .where('id', '=', options.id)
    .execute();
}
