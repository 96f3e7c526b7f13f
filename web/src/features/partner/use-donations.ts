import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useTRPC } from '../../lib/trpc.js';

/** Posts a donation; the partner's list and map are asked again once it is recorded. */
export function usePostDonation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.donations.post.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.donations.list.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.dispatch.partnerMap.pathKey() });
      },
    }),
  );
}

/** Books a pickup slot for a donation; the list and the slots are asked again. */
export function useBookPickup() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.donations.bookPickup.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.donations.list.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.donations.pickupSlots.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.dispatch.partnerMap.pathKey() });
      },
    }),
  );
}
