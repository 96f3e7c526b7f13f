import type { Hono } from 'hono';

import type { SignalSource } from '@anbu/contracts';

import type { ApiKeyInfo } from './auth/api-keys.js';
import type { GatewayUser, NewUser } from './auth/users.js';
import type { GatewayOptions } from './deps.js';
import { createApp } from './app.js';
import { createApiKey } from './auth/api-keys.js';
import { deleteExpiredSessions } from './auth/sessions.js';
import { createUser } from './auth/users.js';
import { migrations } from './db/migrations/index.js';
import { GATEWAY_SCHEMA } from './db/schema.js';

/** A wired gateway: its HTTP app, its migrations, and the admin operations the seed needs. */
export interface Gateway {
  readonly app: Hono;
  /** The Postgres schema of {@link migrations}. */
  readonly schema: typeof GATEWAY_SCHEMA;
  /** Run these with `migrateToLatest({ db, schema, migrations })` before serving. */
  readonly migrations: typeof migrations;
  /** Creates a user who signs in with a password (idempotent by login). */
  createUser(user: NewUser): Promise<GatewayUser>;
  /** Deletes expired sessions; returns how many (run it now and then). */
  deleteExpiredSessions(): Promise<number>;
  /** Issues an API key for a partner organisation; the `key` is returned only this once. */
  createApiKey(options: {
    organisationId: string;
    name: string;
    /** The check-in feed the key is for: it then posts signals of this source only. */
    signalSource?: SignalSource;
  }): Promise<ApiKeyInfo & { key: string }>;
}

/**
 * Builds the gateway from its dependencies (no listening, no migrating: the caller does both).
 * @example
 * const gateway = createGateway({ db: handle.forSchema('gateway'), bus, log, webDistDir });
 * await migrateToLatest({ db: handle.forSchema('gateway'), schema: gateway.schema, migrations: gateway.migrations });
 * serve({ fetch: gateway.app.fetch, port });
 */
export function createGateway(options: GatewayOptions): Gateway {
  const app = createApp(options);
  return Object.freeze({
    app,
    schema: GATEWAY_SCHEMA,
    migrations,
    createUser: (user: NewUser) => createUser(options.db, user),
    deleteExpiredSessions: () =>
      deleteExpiredSessions(options.db, options.now ? options.now() : new Date()),
    createApiKey: (key: { organisationId: string; name: string; signalSource?: SignalSource }) =>
      createApiKey(options.db, key),
  });
}
