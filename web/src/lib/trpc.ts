import type { TRPCClient } from '@trpc/client';
import { QueryClient } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

import type { AppRouter } from '@anbu/gateway';

/** The tRPC client of the gateway's router, typed from its `AppRouter` (type-only import). */
export type ApiClient = TRPCClient<AppRouter>;

/**
 * React bindings of the gateway's router: wrap the app in `TRPCProvider`, then
 * `useTRPC().auth.me.queryOptions()` in components.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * The `Idempotency-Key` of a mutation: the one its caller names in the operation's context (the
 * carrier's outbox sends an update again under its entry id, so a resend after a lost answer
 * changes nothing), or a fresh one.
 */
export function idempotencyKeyOf(context: Record<string, unknown>): string {
  const named = context['idempotencyKey'];
  return typeof named === 'string' && named.length > 0 ? named : crypto.randomUUID();
}

/**
 * Creates the client for the gateway at `url`. Requests carry the session cookie; queries made in
 * the same tick are batched into one HTTP request; every mutation goes alone with its own
 * `Idempotency-Key` (a batch shares its headers); subscriptions (a planning run's progress)
 * arrive over server-sent events.
 * @example const client = createApiClient({ url: env.trpcUrl });
 */
export function createApiClient({
  url,
  fetch: fetchImpl = fetch,
}: {
  url: string;
  fetch?: typeof fetch;
}): ApiClient {
  const sameOrigin: typeof fetch = (input, init) =>
    fetchImpl(input, { ...init, credentials: 'same-origin' });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url }),
        false: splitLink({
          condition: (op) => op.type === 'mutation',
          true: httpLink({
            url,
            fetch: sameOrigin,
            headers: ({ op }) => ({ 'idempotency-key': idempotencyKeyOf(op.context) }),
          }),
          false: httpBatchLink({ url, fetch: sameOrigin }),
        }),
      }),
    ],
  });
}

/** tRPC codes that retrying cannot fix: the answer would be the same. */
const FINAL_CODES = new Set([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'TOO_MANY_REQUESTS',
]);

/** The tRPC error code of a failed call (`UNAUTHORIZED`, …), if it came from the server. */
export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('code' in data)) return undefined;
  return typeof data.code === 'string' ? data.code : undefined;
}

/** Creates the query cache: short retries for transient failures, none for final answers. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && !FINAL_CODES.has(errorCode(error) ?? ''),
      },
      mutations: { retry: false },
    },
  });
}
