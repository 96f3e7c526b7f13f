import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { RpcContext, RpcRoute } from '@anbu/bus';
import { RpcError } from '@anbu/bus';

import type { HouseholdsDatabase } from '../repo/schema.js';

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
 * so a retry after a crash between effect and answer does not double them either).
 */
export function withIdempotencyKey(db: Kysely<HouseholdsDatabase>, route: RpcRoute): RpcRoute {
  if (route.rpc.kind !== 'mutation') return route;
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
      if (row.response !== null) return rpc.output.parse(row.response);
      const output = await route.handle(input, context);
      await db
        .updateTable('idempotency_keys')
        .set({ response: JSON.stringify(output) })
        .where('key', '=', key)
        .execute();
      return output;
    },
  };
}
