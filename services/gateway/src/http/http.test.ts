import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import { sessionCookie } from '../auth/cookie.js';
import { createGatewayFixture, TEST_PASSWORD } from '../testing/gateway-fixture.js';

describe('session cookie', () => {
  it('should be Secure with the __Host- prefix when configured, and never readable by scripts', () => {
    const secure = sessionCookie({ token: 'abc', secure: true, maxAgeMs: 3_600_000 });
    expect(secure).toMatch(/^__Host-anbu_session=abc;/);
    expect(secure).toContain('Secure');
    expect(secure).toContain('HttpOnly');
    expect(secure).toContain('SameSite=Lax');
    expect(secure).toContain('Max-Age=3600');
    expect(secure).not.toContain('Domain=');
    const plain = sessionCookie({ token: 'abc', secure: false, maxAgeMs: 3_600_000 });
    expect(plain).not.toContain('Secure');
  });
});

describe('rate limits', () => {
  let fx: GatewayFixture;

  beforeAll(async () => {
    fx = await createGatewayFixture({ rateLimits: { loginPerMinute: 3, restPerMinute: 4 } });
    await fx.addUser('rate@demo', [
      { role: 'admin', organisationId: '00000000-0000-4000-8000-0000000000e1', districtCodes: [] },
    ]);
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it('should answer 429 with Retry-After to an address that signs in too often', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fx.trpc('auth.login', {
        mutation: true,
        ip: '203.0.113.9',
        input: { login: 'rate@demo', password: TEST_PASSWORD },
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Other addresses and other procedures are not affected.
    const other = await fx.trpc('auth.login', {
      mutation: true,
      ip: '203.0.113.10',
      input: { login: 'rate@demo', password: TEST_PASSWORD },
    });
    expect(other.status).toBe(200);
  });

  it('should budget REST calls per address before the key is checked', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fx.app.request('/api/v1/me', {
        headers: { authorization: `Bearer anbu_guess${i}`, 'x-forwarded-for': '203.0.113.50' },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('should record a role switch in the access log and end the previous session on sign-in', async () => {
    // The fixture signs in from rotating addresses, so the budget spent above does not apply.
    const { cookie } = await fx.signIn('rate@demo');
    const again = await fx.trpc('auth.login', {
      mutation: true,
      cookie,
      input: { login: 'rate@demo', password: TEST_PASSWORD },
    });
    expect(again.status).toBe(200);
    expect((await fx.trpc('auth.me', { cookie })).status).toBe(401);

    const fresh = (again.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const switched = await fx.trpc('auth.switchRole', {
      mutation: true,
      cookie: fresh,
      input: { role: 'admin' },
    });
    expect(switched.status).toBe(200);
    const rows = await fx.db
      .selectFrom('audit_log')
      .select(['action', 'subject_type'])
      .where('action', 'like', 'auth.switchRole%')
      .execute();
    expect(rows).toEqual([{ action: 'auth.switchRole:admin', subject_type: 'user' }]);
  });
});
