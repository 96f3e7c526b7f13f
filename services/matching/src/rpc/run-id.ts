import { createHash, randomUUID } from 'node:crypto';

import type { RpcContext } from '@anbu/bus';

/**
 * The id of the run a call makes: derived from the caller and its `Idempotency-Key` when there
 * is one (so a retried call finds the run it already made), and random otherwise.
 */
export function runIdFor(context: RpcContext): string {
  if (context.idempotencyKey === undefined) return randomUUID();
  const hash = createHash('sha1')
    .update(
      `allocation.run\u0000${context.actor.kind}:${context.actor.id}\u0000${context.idempotencyKey}`,
    )
    .digest();
  // Shape the hash as a version-5 UUID (RFC 9562 §5.5).
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
