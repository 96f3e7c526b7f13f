import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import { createGatewayFixture, TEST_PASSWORD } from '../testing/gateway-fixture.js';
import { sha256Hex } from './tokens.js';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER_ORG = '00000000-0000-4000-8000-000000000002';

interface TrpcError {
  error: { message: string; data: { code: string; httpStatus: number } };
}

describe('auth procedures', () => {
  let fx: GatewayFixture;

  beforeAll(async () => {
    fx = await createGatewayFixture({
      loginThrottle: { windowMs: 60_000, maxPerAccount: 3, maxPerAddress: 6 },
    });
    await fx.addUser('caseworker@demo', [
      { role: 'caseworker', organisationId: ORG, districtCodes: ['D01', 'D02'] },
    ]);
    await fx.addUser('multi@demo', [
      { role: 'dispatcher', organisationId: ORG, districtCodes: ['D01'] },
      { role: 'program_manager', organisationId: OTHER_ORG, districtCodes: [] },
    ]);
    await fx.addUser('nobody@demo', []);
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it('should sign in, set an httpOnly SameSite=Lax cookie, and answer me with the user', async () => {
    const res = await fx.trpc('auth.login', {
      mutation: true,
      input: { login: 'Caseworker@Demo', password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^anbu_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');

    const cookie = setCookie.split(';')[0] ?? '';
    const me = await fx.trpc('auth.me', { cookie });
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      result: { data: { user: { login: string }; role: string; districtCodes: string[] } };
    };
    expect(body.result.data.user.login).toBe('caseworker@demo');
    expect(body.result.data.role).toBe('caseworker');
    expect(body.result.data.districtCodes).toEqual(['D01', 'D02']);
  });

  it('should store an argon2id hash and only the SHA-256 of the session token', async () => {
    const { cookie } = await fx.signIn('caseworker@demo');
    const token = cookie.split('=')[1] ?? '';
    const user = await fx.db
      .selectFrom('users')
      .select('password_hash')
      .where('login', '=', 'caseworker@demo')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessions = await fx.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).toContain(sha256Hex(token));
    expect(sessions.map((s) => s.token_hash)).not.toContain(token);
  });

  it('should answer 401 to me without a session or with a forged cookie', async () => {
    expect((await fx.trpc('auth.me')).status).toBe(401);
    expect((await fx.trpc('auth.me', { cookie: 'anbu_session=forged' })).status).toBe(401);
  });

  it('should answer 401 with one message for a wrong password and an unknown login', async () => {
    const wrong = await fx.trpc('auth.login', {
      mutation: true,
      input: { login: 'multi@demo', password: 'not the password' },
    });
    const unknown = await fx.trpc('auth.login', {
      mutation: true,
      input: { login: 'ghost@demo', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as TrpcError;
    const b = (await unknown.json()) as TrpcError;
    expect(a.error.message).toBe(b.error.message);
  });

  it('should refuse a user who holds no role with 403 and open no session', async () => {
    const res = await fx.trpc('auth.login', {
      mutation: true,
      input: { login: 'nobody@demo', password: TEST_PASSWORD },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('should end the session on logout', async () => {
    const { cookie } = await fx.signIn('caseworker@demo');
    const out = await fx.trpc('auth.logout', { mutation: true, cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fx.trpc('auth.me', { cookie })).status).toBe(401);
  });

  it('should switch between roles the user holds and refuse others with 403', async () => {
    const { cookie } = await fx.signIn('multi@demo');
    const before = (await (await fx.trpc('auth.me', { cookie })).json()) as {
      result: { data: { role: string; memberships: unknown[] } };
    };
    expect(before.result.data.role).toBe('dispatcher');
    expect(before.result.data.memberships).toHaveLength(2);

    const switched = await fx.trpc('auth.switchRole', {
      mutation: true,
      cookie,
      input: { role: 'program_manager' },
    });
    expect(switched.status).toBe(200);
    const after = (await (await fx.trpc('auth.me', { cookie })).json()) as {
      result: { data: { role: string; organisationId: string } };
    };
    expect(after.result.data).toMatchObject({ role: 'program_manager', organisationId: OTHER_ORG });

    const refused = await fx.trpc('auth.switchRole', {
      mutation: true,
      cookie,
      input: { role: 'admin' },
    });
    expect(refused.status).toBe(403);
  });

  describe('lock-out', () => {
    it('should lock an account after repeated failures, even for the right password', async () => {
      await fx.addUser('target@demo', [
        { role: 'partner', organisationId: ORG, districtCodes: [] },
      ]);
      for (let i = 0; i < 3; i++) {
        const res = await fx.trpc('auth.login', {
          mutation: true,
          input: { login: 'target@demo', password: `guess number ${i}` },
        });
        expect(res.status).toBe(401);
      }
      const locked = await fx.trpc('auth.login', {
        mutation: true,
        input: { login: 'target@demo', password: TEST_PASSWORD },
      });
      expect(locked.status).toBe(429);
      expect(locked.headers.get('set-cookie')).toBeNull();
    });

    it('should lock an address that guesses across many accounts', async () => {
      const ip = '192.0.2.77';
      for (let i = 0; i < 6; i++) {
        await fx.trpc('auth.login', {
          mutation: true,
          ip,
          input: { login: `someone${i}@demo`, password: 'wrong password' },
        });
      }
      const fromThere = await fx.trpc('auth.login', {
        mutation: true,
        ip,
        input: { login: 'caseworker@demo', password: TEST_PASSWORD },
      });
      expect(fromThere.status).toBe(429);
      const elsewhere = await fx.trpc('auth.login', {
        mutation: true,
        ip: '192.0.2.78',
        input: { login: 'caseworker@demo', password: TEST_PASSWORD },
      });
      expect(elsewhere.status).toBe(200);
    });

    it('should let the account in again once the window has passed', async () => {
      let now = new Date('2026-11-25T10:00:00Z');
      await using clock = await createGatewayFixture({
        db: { handle: fx.dbHandle, own: false },
        now: () => now,
        loginThrottle: { windowMs: 60_000, maxPerAccount: 2, maxPerAddress: 100 },
      });
      await clock.addUser('later@demo', [
        { role: 'partner', organisationId: ORG, districtCodes: [] },
      ]);
      for (let i = 0; i < 2; i++) {
        await clock.trpc('auth.login', {
          mutation: true,
          input: { login: 'later@demo', password: 'wrong password' },
        });
      }
      const locked = await clock.trpc('auth.login', {
        mutation: true,
        input: { login: 'later@demo', password: TEST_PASSWORD },
      });
      expect(locked.status).toBe(429);
      now = new Date(now.getTime() + 61_000);
      expect((await clock.signIn('later@demo')).cookie).toMatch(/^anbu_session=/);
    });
  });
});
