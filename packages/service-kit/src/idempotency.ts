import { createHash, randomUUID } from 'node:crypto';
import type { ColumnType, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

import type { RpcContext, RpcRoute } from '@anbu/bus';
import { RpcError } from '@anbu/bus';

/** The table {@link withIdempotencyKey} keeps in a service's schema. */
export interface IdempotencyKeysTable {
  key: string;
  method: string;
  request_hash: string;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface IdempotencyDatabase {
  idempotency_keys: IdempotencyKeysTable;
}

/**
 * The idempotency keys of mutating calls: the caller-scoped key, a hash of the request it came
 * with (the same key with another request is refused) and the answer, replayed on a retry.
 */
export const createIdempotencyKeysTable: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('response', 'jsonb')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
};

/**
 * How a stored answer is kept. A service whose answers carry personal data seals them (e.g.
 * encrypts them with its field cipher): the replay table must not be a plaintext copy.
 */
export interface AnswerSeal {
  seal(answer: unknown, key: string): unknown;
  open(stored: unknown, key: string): unknown;
}

const PLAIN: AnswerSeal = { seal: (answer) => answer, open: (stored) => stored };

/** A value as JSON with object keys sorted, so that equal requests hash equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Makes a mutation idempotent by its caller's key. The first call records the key with a hash
 * of the method and parsed input, runs, and stores its answer; a retry with the same key and
 * request gets that answer again without a second effect; the same key with another request is
 * refused (UNPROCESSABLE → HTTP 422). Keys are scoped to the caller (actor kind and id) and are
 * kept as long as the records they created: they do not expire. A call that failed stores no
 * answer, so its retry runs again (the effects themselves are keyed by ids derived from the key,
 * see {@link idFor}, so a retry after a crash between effect and answer does not double them).
 */
export function withIdempotencyKey<DB extends IdempotencyDatabase>(
  database: Kysely<DB>,
  route: RpcRoute,
  answers: AnswerSeal = PLAIN,
): RpcRoute {
  if (route.rpc.kind !== 'mutation') return route;
  // Only the idempotency table is touched here; the service's other tables do not matter.
  const db = database as unknown as Kysely<IdempotencyDatabase>;
  const { rpc } = route;
  return {
    rpc,
    async handle(input: unknown, context: RpcContext) {
      if (context.idempotencyKey === undefined) return route.handle(input, context);
      const key = `${context.actor.kind}:${context.actor.id}|${context.idempotencyKey}`;
      const hash = createHash('sha256')
        .update(canonical({ method: rpc.method, input }))
        .digest('hex');
      await db
        .insertInto('idempotency_keys')
        .values({ key, method: rpc.method, request_hash: hash, response: null })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'response'])
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (row.request_hash !== hash) {
        throw new RpcError(
          'UNPROCESSABLE',
          'this idempotency key was used with another request; use a new key for a new request',
          { issues: [{ path: '(idempotencyKey)', message: 'reused with a different request' }] },
        );
      }
      if (row.response !== null) return rpc.output.parse(answers.open(row.response, key));
      const output = await route.handle(input, context);
      await db
        .updateTable('idempotency_keys')
        .set({ response: JSON.stringify(answers.seal(output, key)) })
        .where('key', '=', key)
        .execute();
      return output;
    },
  };
}

/**
 * The id of a record a mutating call creates: derived from the caller and its idempotency key
 * when there is one, so that a retried call finds the record it already created (the insert is
 * `on conflict do nothing`), and random otherwise.
 */
export function idFor(context: RpcContext, scope: string): string {
  if (context.idempotencyKey === undefined) return randomUUID();
  const hash = createHash('sha1')
    .update(
      `${scope}\u0000${context.actor.kind}:${context.actor.id}\u0000${context.idempotencyKey}`,
    )
    .digest();
  // Shape the hash as a version-5 UUID (RFC 9562 §5.5).
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
