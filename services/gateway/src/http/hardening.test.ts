import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestLogger } from '@anbu/db/testing';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import { createGateway } from '../gateway.js';
import { createGatewayFixture, TEST_PASSWORD } from '../testing/gateway-fixture.js';

const ORG = '00000000-0000-4000-8000-0000000000d1';

interface FieldErrors {
  error?: { fieldErrors?: { path: string }[]; data?: { fieldErrors?: { path: string }[] } };
}
const pathsOf = async (res: Response) => {
  const body = (await res.json()) as FieldErrors;
  return (body.error?.fieldErrors ?? body.error?.data?.fieldErrors ?? []).map((f) => f.path);
};

/**
 * The login and edge items of issue 9 (Authorization §6) that other suites leave open: the REST
 * budget per API key, oversized pages, strings and batches answered 400 naming the field (REST
 * and tRPC), the session cookie of a real sign-in Secure + HttpOnly + SameSite, and no CORS
 * answer to a foreign origin's preflight.
 */
describe('gateway edge hardening', () => {
  let fx: GatewayFixture;
  let key = '';
  let otherKey = '';
  let adminCookie = '';

  beforeAll(async () => {
    fx = await createGatewayFixture({ rateLimits: { loginPerMinute: 30, restPerMinute: 3 } });
    key = (await fx.gateway.createApiKey({ organisationId: ORG, name: 'budget' })).key;
    otherKey = (await fx.gateway.createApiKey({ organisationId: ORG, name: 'other' })).key;
    await fx.addUser('edge-admin@demo', [
      { role: 'admin', organisationId: ORG, districtCodes: [] },
    ]);
    adminCookie = (await fx.signIn('edge-admin@demo')).cookie;
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  const rest = (path: string, init: { key: string; ip: string; body?: unknown }) =>
    fx.app.request(`/api/v1${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${init.key}`,
        'x-forwarded-for': init.ip,
        'content-type': 'application/json',
        'idempotency-key': `edge-${Math.random().toString(36).slice(2, 12)}`,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  it('should budget REST calls per API key across addresses, leaving other keys alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await rest('/me', { key, ip: `198.51.100.${i + 1}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await rest('/me', { key: otherKey, ip: '198.51.100.99' })).status).toBe(200);
  });

  it('should answer 400 naming the field to an oversized page, string or batch', async () => {
    const ip = () => `192.0.2.${String(Math.floor(Math.random() * 250) + 1)}`;
    const limits = await fx.app.request('/api/v1/donations?limit=201', {
      headers: { authorization: `Bearer ${otherKey}`, 'x-forwarded-for': ip() },
    });
    expect(limits.status).toBe(400);
    expect(await pathsOf(limits)).toEqual(['query.limit']);

    const tomorrow = new Date(Date.now() + 86_400_000);
    const item = { category: 'instant_food', quantity: 1, unit: 'box', storageClass: 'ambient' };
    const donation = (items: unknown[]) => ({
      items,
      pickup: {
        placeName: 'hall',
        address: '익산시 중앙로 1',
        location: { lat: 35.95, lng: 126.96 },
        window: {
          start: tomorrow.toISOString(),
          end: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
        },
      },
    });
    // A fresh key per request: the per-key budget of 3 must not turn these into 429s.
    const freshKey = async () =>
      (await fx.gateway.createApiKey({ organisationId: ORG, name: 'sizes' })).key;
    const longText = await rest('/donations', {
      key: await freshKey(),
      ip: ip(),
      body: donation([{ ...item, description: 'x'.repeat(10_000) }]),
    });
    expect(longText.status).toBe(400);
    expect(await pathsOf(longText)).toEqual(['body.items.0.description']);
    const batch = await rest('/donations', {
      key: await freshKey(),
      ip: ip(),
      body: donation(Array.from({ length: 1_000 }, () => item)),
    });
    expect(batch.status).toBe(400);
    expect(await pathsOf(batch)).toEqual(['body.items']);

    const page = await fx.trpc('donations.list', { cookie: adminCookie, input: { limit: 10_000 } });
    expect(page.status).toBe(400);
    expect(await pathsOf(page)).toContain('limit');
  });

  it('should send no CORS headers to a foreign origin, preflight or not', async () => {
    const preflight = await fx.app.request('/api/v1/donations', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await fx.app.request('/api/v1/openapi.json', {
      headers: { origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should set a Secure, HttpOnly, SameSite session cookie on a real sign-in when configured', async () => {
    // A second gateway on the same database and bus, configured as the distributed mode is.
    const secure = createGateway({
      db: fx.db,
      bus: fx.bus,
      log: createTestLogger(),
      cookieSecure: true,
      trustProxy: true,
    });
    const res = await secure.app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
      body: JSON.stringify({ login: 'edge-admin@demo', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-anbu_session=/);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });
});
