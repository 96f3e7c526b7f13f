import type { inferRouterOutputs } from '@trpc/server';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import type { AppRouter } from '@anbu/gateway';

import { useTRPC, useTRPCClient } from '../../lib/trpc.js';

/** A user as `admin.users` lists it, with the roles it holds. */
export type AdminUser = inferRouterOutputs<AppRouter>['admin']['users']['items'][number];

/** One role a user holds (`AdminUser['roles']`). */
export type HeldRole = AdminUser['roles'][number];

/**
 * Every user in login order, a page of `admin.users` at a time (`fetchNextPage` reads the page
 * after the last login shown).
 */
export function useAdminUsers() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    // Under the procedure's path key, so invalidating `admin.users` refreshes every page.
    queryKey: [...trpc.admin.users.pathKey(), 'pages'],
    queryFn: ({ pageParam }) =>
      client.admin.users.query(pageParam === undefined ? {} : { after: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextAfter,
  });
}

/**
 * The administrator's changes: create a user, grant or revoke a role, disable an account. Each
 * refreshes the list of users when it succeeds.
 */
export function useAdminChanges() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.pathKey() });
  return {
    createUser: useMutation(trpc.admin.createUser.mutationOptions({ onSuccess: refresh })),
    grantRole: useMutation(trpc.admin.grantRole.mutationOptions({ onSuccess: refresh })),
    revokeRole: useMutation(trpc.admin.revokeRole.mutationOptions({ onSuccess: refresh })),
    disableUser: useMutation(trpc.admin.disableUser.mutationOptions({ onSuccess: refresh })),
  };
}

/** The changes {@link useAdminChanges} offers. */
export type AdminChanges = ReturnType<typeof useAdminChanges>;
