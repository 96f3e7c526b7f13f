import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The Postgres schema that holds every table of the gateway (one schema per service). */
export const GATEWAY_SCHEMA = 'gateway';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (`default now()`) when the insert leaves it out. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A person who signs in; their roles and organisations live in `households` memberships. */
export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  password_hash: string;
  created_at: DefaultedTimestamp;
  disabled_at: Timestamp | null;
}

/**
 * A signed-in browser. Only the SHA-256 of the token is stored, so a database dump cannot be
 * replayed as a cookie. The memberships are a snapshot taken at login (and on role switch).
 */
export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  active_role: string;
  organisation_id: string | null;
  memberships: ColumnType<unknown, string, string>;
  ip: string;
  user_agent: string;
  created_at: DefaultedTimestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

/** A failed login, kept for the lock-out window per account and per address. */
export interface LoginFailuresTable {
  id: Generated<string>;
  key: string;
  failed_at: Timestamp;
}

/** A partner system's key: the prefix is shown to people, only the hash of the secret is kept. */
export interface ApiKeysTable {
  id: string;
  prefix: string;
  key_hash: string;
  organisation_id: string;
  name: string;
  created_at: DefaultedTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** The check-in feed (signal source) the key is issued for; null for other partner keys. */
  signal_source: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Append-only log of reads of sensitive data (PIPA access log). */
export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_kind: string;
  actor_id: string;
  role: string | null;
  ip: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** What an administrative change did; null for reads. */
  detail: ColumnType<string | null, string | null | undefined, never>;
}

/** The gateway's tables, as Kysely sees them inside {@link GATEWAY_SCHEMA}. */
export interface GatewayTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
