/** Sends tried at most this many times before a notification is marked failed. */
export const MAX_NOTIFICATION_ATTEMPTS = 6;
/** The wait after the first failed send. */
export const DEFAULT_BACKOFF_BASE_MS = 5_000;
/** The longest wait between two sends. */
export const DEFAULT_BACKOFF_MAX_MS = 10 * 60_000;

/**
 * The wait before attempt `attempts + 1` after `attempts` failed sends: doubling from `baseMs`,
 * capped at `maxMs`; undefined when the attempts are spent.
 * @example retryDelayMs({ attempts: 1 }) // 5000, then 10000, 20000 …
 */
export function retryDelayMs({
  attempts,
  baseMs = DEFAULT_BACKOFF_BASE_MS,
  maxMs = DEFAULT_BACKOFF_MAX_MS,
  maxAttempts = MAX_NOTIFICATION_ATTEMPTS,
}: {
  attempts: number;
  baseMs?: number;
  maxMs?: number;
  maxAttempts?: number;
}): number | undefined {
  if (attempts >= maxAttempts) return undefined;
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
