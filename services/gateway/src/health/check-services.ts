import type { Bus } from '@anbu/bus';
import type { Health, ServiceName } from '@anbu/contracts';
import { healthRpc, SERVICE_NAMES, SYSTEM_ACTOR } from '@anbu/contracts';

/** How long `/healthz` waits for each service's answer. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 1_500;

/** One service as `/healthz` reports it. */
export type ServiceHealth =
  | { readonly status: 'ok' | 'degraded'; readonly health: Health }
  | { readonly status: 'unreachable'; readonly error: string };

/** Every service's health, and whether all of them are `ok`. */
export interface HealthReport {
  readonly status: 'ok' | 'failing';
  readonly services: Readonly<Record<ServiceName, ServiceHealth>>;
  /** The services that are not `ok`, for a quick look at a 503. */
  readonly failing: readonly ServiceName[];
}

/** Asks every service's `health` RPC in parallel; a service that does not answer is unreachable. */
export async function checkServices(options: {
  bus: Bus;
  timeoutMs?: number;
}): Promise<HealthReport> {
  const { bus, timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS } = options;
  const answers = await Promise.allSettled(
    SERVICE_NAMES.map((service) =>
      bus.request(healthRpc[service], {}, { actor: SYSTEM_ACTOR, timeoutMs }),
    ),
  );
  const entries = SERVICE_NAMES.map((service, i): [ServiceName, ServiceHealth] => {
    const answer = answers[i];
    if (answer?.status === 'fulfilled') {
      return [service, { status: answer.value.status, health: answer.value }];
    }
    // The error's name and message only (e.g. "RpcTimeoutError: no reply in 1500 ms"): enough
    // for an operator, and no stack or payload leaves the gateway.
    const reason: unknown = answer?.reason;
    const error = reason instanceof Error ? `${reason.name}: ${reason.message}` : 'no answer';
    return [service, { status: 'unreachable', error }];
  });
  const services = Object.fromEntries(entries) as Record<ServiceName, ServiceHealth>;
  const failing = entries.filter(([, h]) => h.status !== 'ok').map(([service]) => service);
  return { status: failing.length === 0 ? 'ok' : 'failing', services, failing };
}
