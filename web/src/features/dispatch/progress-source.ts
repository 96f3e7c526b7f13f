/** How the dispatcher's screen follows a planning run: pushed over SSE, or asked for. */
export type ProgressSource = 'sse' | 'polling';

/** The subscription's state as `useSubscription` reports it. */
export interface SubscriptionState {
  readonly status: 'idle' | 'connecting' | 'pending' | 'error';
  readonly error: unknown;
}

/**
 * Whether the SSE subscription has failed, so that the screen falls back to polling: an error,
 * or a reconnect after one (the browser keeps retrying an EventSource that the gateway or a
 * proxy refuses). A browser without EventSource never tries.
 */
export function sseFailed(
  state: SubscriptionState,
  { hasEventSource }: { hasEventSource: boolean },
): boolean {
  if (!hasEventSource) return true;
  if (state.status === 'error') return true;
  return state.status === 'connecting' && state.error !== null && state.error !== undefined;
}
