import { createHash, randomUUID } from 'node:crypto';

import type { RpcContext } from '@anbu/bus';

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
