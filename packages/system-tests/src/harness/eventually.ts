/** How long {@link eventually} polls by default: generous, for a loaded 2-core CI machine. */
export const EVENTUALLY_TIMEOUT_MS = 30_000;

/**
 * Polls `read` until `done` holds of its answer, or fails after `timeoutMs` naming `what` and the
 * last answer. A `read` that throws fails at once unless `retryErrors` (a service or PostgreSQL
 * may be restarting): then it is read again.
 *
 * @example
 *   const run = await eventually('planning run', () => getRun(id), {
 *     done: (r) => r.status !== 'running',
 *   });
 */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  until: {
    done: (value: T) => boolean;
    timeoutMs?: number;
    intervalMs?: number;
    retryErrors?: boolean;
  },
): Promise<T> {
  const { done, timeoutMs = EVENTUALLY_TIMEOUT_MS, intervalMs = 250, retryErrors = false } = until;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    try {
      value = await read();
      if (done(value)) return value;
    } catch (error) {
      if (!retryErrors) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: still not done after ${String(timeoutMs)} ms (${JSON.stringify(value)})`,
      );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
