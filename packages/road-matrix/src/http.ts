import type { z } from 'zod';

import { RoadMatrixError } from './table-service.js';

/** What the clients need of `fetch` (a test or a proxy can pass its own). */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** GETs or POSTs JSON with a timeout, and reads the answer through `schema`. */
export async function requestJson<T>(
  url: string,
  schema: z.ZodType<T>,
  options: { fetch: Fetch; timeoutMs: number; body?: unknown; signal?: AbortSignal | undefined },
): Promise<T> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: options.body === undefined ? 'GET' : 'POST',
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal,
    });
  } catch (err) {
    const why = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : String(err);
    throw new RoadMatrixError(`table service unreachable: ${why}`, redact(url));
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RoadMatrixError(
      `table service answered ${response.status} with no JSON`,
      redact(url),
      response.status,
    );
  }
  if (!response.ok) {
    const said = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    const why = [said['code'], said['message'], said['error']]
      .filter((v) => typeof v === 'string')
      .join(': ');
    throw new RoadMatrixError(
      `table service answered ${response.status}${why ? ` (${why})` : ''}`,
      redact(url),
      response.status,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RoadMatrixError(
      `table service answered ${response.status} in an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
      redact(url),
      response.status,
    );
  }
  return parsed.data;
}

/** Coordinates of households are personal data: an error names the service, not the places. */
function redact(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.split('/').slice(0, 4).join('/')}`;
}
