import type { Notifier } from './notifier.js';
import { NotifyError } from '../errors.js';

/** How long a webhook may take to answer (ms). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * Posts each notification as JSON to a webhook (a messenger bot, the city's alerting system).
 * The notification id travels as `Idempotency-Key`: a retried send is the same message.
 * @example createWebhookNotifier({ url: 'https://alerts.example.kr/anbu' })
 */
export function createWebhookNotifier({
  url,
  timeoutMs = DEFAULT_WEBHOOK_TIMEOUT_MS,
  headers = {},
  fetch: fetchImpl = globalThis.fetch,
}: {
  url: string;
  timeoutMs?: number;
  headers?: Readonly<Record<string, string>>;
  fetch?: typeof globalThis.fetch;
}): Notifier {
  return {
    channel: 'webhook',
    async send(message) {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.id,
            ...headers,
          },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        throw new NotifyError(`webhook unreachable: ${(cause as Error).message}`, { cause });
      }
      // Drain the body so the connection is reused.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        throw new NotifyError(`webhook answered ${response.status}`, { status: response.status });
      }
    },
  };
}
