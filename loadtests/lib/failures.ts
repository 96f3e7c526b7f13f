import type { RefinedResponse, ResponseType } from 'k6/http';

// Per VU: the first few failures of each request kind go to the console output, where the
// runner picks them up for the report (`FAILED <kind> <status> <body>`).
const MAX_PER_KIND = 3;
const logged = new Map<string, number>();

/** Logs a failed response's status and the start of its body, a few times per kind and VU. */
export function noteFailure(kind: string, res: RefinedResponse<ResponseType>): void {
  const count = logged.get(kind) ?? 0;
  if (count >= MAX_PER_KIND) return;
  logged.set(kind, count + 1);
  const body = typeof res.body === 'string' ? res.body.slice(0, 300).replace(/\s+/g, ' ') : '';
  console.log(`FAILED ${kind} ${res.status} ${body}`);
}
