import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { errorCode, useTRPC } from '../../lib/trpc.js';

/**
 * The signed-in user as the gateway's `auth.me` reports it: `signed-out` when there is no
 * session (or it expired), `loading` on the first request, `error` when the gateway is unreachable.
 */
export function useSession() {
  const trpc = useTRPC();
  const query = useQuery(trpc.auth.me.queryOptions());
  if (query.isPending) return { status: 'loading' } as const;
  if (query.isError) {
    return errorCode(query.error) === 'UNAUTHORIZED'
      ? ({ status: 'signed-out' } as const)
      : ({ status: 'error', error: query.error, retry: query.refetch } as const);
  }
  return query.data
    ? ({ status: 'signed-in', me: query.data } as const)
    : ({ status: 'signed-out' } as const);
}

/** The `me` of a signed-in session. */
export type Me = Extract<ReturnType<typeof useSession>, { status: 'signed-in' }>['me'];

/** Signs in; on success the session query is refetched, which swaps the login screen for the app. */
export function useLogin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );
}

/** Signs out and forgets every cached answer: the next user must not see this one's data. */
export function useLogout() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );
}

/** Switches the role the user acts in; every cached answer was for the old role. */
export function useSwitchRole() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.switchRole.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries({
          predicate: (q) => q.queryKey[0] !== trpc.auth.me.queryKey()[0],
        });
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );
}
