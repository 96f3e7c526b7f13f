import type { Actor, RpcDefinition, RpcInput, RpcOutput } from '@anbu/contracts';

import type { ApiKeyInfo } from '../auth/api-keys.js';

/** The Hono environment of the partner REST API: who is calling, from where. */
export interface RestEnv {
  Variables: {
    /** The partner's actor (kind `api_key`, role `partner`, its organisation). */
    actor: Actor;
    apiKey: ApiKeyInfo;
    ip: string;
    /** The `Idempotency-Key` of a mutation, scoped to the key by the route. */
    idempotencyKey: string | undefined;
    /** Calls a service as this API key; errors reach `onError`, which translates them. */
    call: <D extends RpcDefinition>(rpc: D, input: RpcInput<D>) => Promise<RpcOutput<D>>;
  };
}
