import type { RpcDefinition, RpcInput, RpcOutput } from '@anbu/contracts';
import { SYSTEM_ACTOR } from '@anbu/contracts';

import type { Context } from './context.js';
import { translateError } from './errors.js';

/**
 * Calls a service's RPC on behalf of the caller: the actor travels along, the request's
 * `Idempotency-Key` is scoped to the caller (two clients may pick the same key), and failures
 * are translated to tRPC errors here, once.
 */
export async function callService<D extends RpcDefinition>(
  ctx: Pick<Context, 'deps' | 'actor' | 'meta'>,
  rpc: D,
  input: RpcInput<D>,
): Promise<RpcOutput<D>> {
  const actor = ctx.actor ?? SYSTEM_ACTOR;
  const key = ctx.meta.idempotencyKey;
  try {
    return await ctx.deps.bus.request(rpc, input, {
      actor,
      ...(key ? { idempotencyKey: `${actor.kind}:${actor.id}:${key}` } : {}),
    });
  } catch (error) {
    throw translateError(error);
  }
}
