import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { errorCode, useTRPC } from '../../lib/trpc.js';

/** Whether two tRPC query keys name the same procedure (their first element is its path). */
function samePath(a: readonly unknown[], b: readonly unknown[]): boolean {
  return JSON.stringify(a[0]) === JSON.stringify(b[0]);
}

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

/** Signs in; on success the session query holds the profile, which swaps the login screen for the app. */
export function useLogin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.login.mutationOptions({
      // The answer is the signed-in profile, the same `auth.me` would give.
      onSuccess: (profile) => queryClient.setQueryData(trpc.auth.me.queryKey(), profile),
    }),
  );
}

/** Signs out and forgets every cached answer: the next user must not see this one's data. */
export function useLogout() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: async () => {
        const meKey = trpc.auth.me.queryKey();
        queryClient.removeQueries({ predicate: (query) => !samePath(query.queryKey, meKey) });
        // Back to "no answer yet" and asked again: the gateway now says UNAUTHORIZED.
        await queryClient.resetQueries({ queryKey: meKey });
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
      onSuccess: (profile) => {
        const meKey = trpc.auth.me.queryKey();
        queryClient.removeQueries({ predicate: (query) => !samePath(query.queryKey, meKey) });
        // The answer is the new profile: no need to ask `auth.me` again.
        queryClient.setQueryData(meKey, profile);
      },
    }),
  );
}
