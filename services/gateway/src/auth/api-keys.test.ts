import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';
import { createApiKey, LAST_USED_RESOLUTION_MS, verifyApiKey } from './api-keys.js';

const ORG = '00000000-0000-4000-8000-000000000031';

describe('API key last use', () => {
  let fx: GatewayFixture;

  beforeAll(async () => {
    fx = await createGatewayFixture();
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  async function lastUsed(id: string): Promise<number | undefined> {
    const row = await fx.db
      .selectFrom('api_keys')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.last_used_at?.getTime();
  }

  it('should record a key use at most once a minute per key', async () => {
    const first = await createApiKey(fx.db, { organisationId: ORG, name: 'feed a' });
    const second = await createApiKey(fx.db, { organisationId: ORG, name: 'feed b' });
    const t0 = Date.parse('2026-11-26T00:00:00Z');
    const at = (ms: number) => new Date(t0 + ms);

    expect((await verifyApiKey(fx.db, { key: first.key, now: at(0) }))?.id).toBe(first.id);
    expect(await lastUsed(first.id)).toBe(t0);
    // Calls within the minute still authenticate but leave the stored time alone.
    expect(await verifyApiKey(fx.db, { key: first.key, now: at(30_000) })).toBeDefined();
    expect(await verifyApiKey(fx.db, { key: first.key, now: at(59_999) })).toBeDefined();
    expect(await lastUsed(first.id)).toBe(t0);
    // Another key has its own minute.
    await verifyApiKey(fx.db, { key: second.key, now: at(30_000) });
    expect(await lastUsed(second.id)).toBe(t0 + 30_000);
    // Once the minute has passed, the next use is written.
    await verifyApiKey(fx.db, { key: first.key, now: at(LAST_USED_RESOLUTION_MS) });
    expect(await lastUsed(first.id)).toBe(t0 + LAST_USED_RESOLUTION_MS);
  });

  it('should not record the use of a wrong secret', async () => {
    const key = await createApiKey(fx.db, { organisationId: ORG, name: 'feed c' });
    const forged = `${key.key.slice(0, -4)}AAAA`;
    expect(await verifyApiKey(fx.db, { key: forged, now: new Date() })).toBeUndefined();
    expect(await lastUsed(key.id)).toBeUndefined();
  });
});
