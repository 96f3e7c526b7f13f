import { describe, expect, it } from 'vitest';

import { createApiClient, idempotencyKeyOf } from './trpc.js';

/** Records each HTTP request the client makes and answers like the gateway would. */
function recordingFetch() {
  const requests: { url: string; method: string; key: string | null }[] = [];
  const fetchStub: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    requests.push({ url, method: init?.method ?? 'GET', key: headers.get('idempotency-key') });
    const batched = url.includes('batch=1');
    const answer = { result: { data: { ok: true } } };
    return Promise.resolve(
      new Response(JSON.stringify(batched ? [answer, answer] : answer), {
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  return { requests, fetchStub };
}

describe('createApiClient', () => {
  it('should send every mutation alone with its own Idempotency-Key, and the one named', async () => {
    const { requests, fetchStub } = recordingFetch();
    const client = createApiClient({ url: 'http://gateway.test/trpc', fetch: fetchStub });
    const stop = { stopId: '00000000-0000-4000-8000-000000000001', status: 'delivered' as const };
    await Promise.all([
      client.dispatch.updateStop.mutate({ ...stop, at: '2026-11-26T01:00:00.000Z' }),
      client.dispatch.updateStop.mutate({ ...stop, at: '2026-11-26T01:00:01.000Z' }),
      client.dispatch.updateStop.mutate(
        { ...stop, at: '2026-11-26T01:00:02.000Z' },
        { context: { idempotencyKey: 'outbox-entry-7' } },
      ),
    ]);
    const mutations = requests.filter((r) => r.method === 'POST');
    expect(mutations).toHaveLength(3);
    const keys = mutations.map((r) => r.key);
    expect(new Set(keys).size).toBe(3);
    expect(keys).toContain('outbox-entry-7');
    expect(keys.every((key) => typeof key === 'string' && key.length > 0)).toBe(true);
  });

  it('should batch queries and send them without a key', async () => {
    const { requests, fetchStub } = recordingFetch();
    const client = createApiClient({ url: 'http://gateway.test/trpc', fetch: fetchStub });
    await Promise.all([client.auth.me.query(), client.system.health.query()]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.key).toBeNull();
  });
});

describe('idempotencyKeyOf', () => {
  it('should keep a named key and make a fresh one otherwise', () => {
    expect(idempotencyKeyOf({ idempotencyKey: 'k-1' })).toBe('k-1');
    expect(idempotencyKeyOf({})).not.toBe(idempotencyKeyOf({}));
    expect(idempotencyKeyOf({ idempotencyKey: '' })).toMatch(/^[0-9a-f-]{36}$/);
  });
});
