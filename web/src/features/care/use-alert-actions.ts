import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useTRPC } from '../../lib/trpc.js';

/**
 * Acknowledge and resolve, each refreshing the inbox once the service has answered (whether it
 * accepted the change or another caseworker had already made it).
 */
export function useAlertActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.care.alerts.pathKey() });
  const acknowledge = useMutation(
    trpc.care.acknowledgeAlert.mutationOptions({ onSettled: refresh }),
  );
  const resolve = useMutation(trpc.care.resolveAlert.mutationOptions({ onSettled: refresh }));
  return { acknowledge, resolve };
}
