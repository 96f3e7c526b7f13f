import exec from 'k6/execution';

/**
 * A stable fake client address for index `i` (sent as X-Forwarded-For; the load-test gateway
 * trusts it), so that per-address rate limits apply per simulated client.
 */
export function clientAddress(i: number): string {
  return `10.${Math.floor(i / 65_536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`;
}

/** Round-robin over `count` items by the scenario's global iteration number. */
export function roundRobin(count: number): number {
  return count > 0 ? exec.scenario.iterationInTest % count : 0;
}

/** An idempotency key unique in the whole test run (`<run>-<scenario>-<iteration>`). */
export function idempotencyKey(runId: string): string {
  return `${runId}-${exec.scenario.name}-${exec.scenario.iterationInTest}`;
}
