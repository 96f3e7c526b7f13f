import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GatewayFixture, SignedIn } from '../testing/gateway-fixture.js';
import type { ProcedurePath } from './access.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';
import { ACCESS, rolesOf } from './access.js';
import { appRouter } from './root.js';
import { inScope, seoulDay } from './scope.js';

const ORG = '00000000-0000-4000-8000-00000000000a';

/** Every procedure of the router with the meta it was built with. */
function procedures(): { path: string; access: string | undefined }[] {
  return Object.entries(appRouter._def.procedures).map(([path, procedure]) => ({
    path,
    access: (procedure as unknown as { _def: { meta?: { access?: string } } })._def.meta?.access,
  }));
}

describe('access table', () => {
  it('should declare every procedure of the router, under its own path', () => {
    const all = procedures();
    expect(all.length).toBeGreaterThan(0);
    for (const { path, access } of all) {
      expect(Object.keys(ACCESS), `procedure ${path} is missing from ACCESS`).toContain(path);
      expect(access, `procedure ${path} was built from another row`).toBe(path);
    }
  });

  it('should have no row without a procedure', () => {
    const paths = new Set(procedures().map((p) => p.path));
    for (const row of Object.keys(ACCESS)) expect(paths, `stale row ${row}`).toContain(row);
  });

  it('should give every protected procedure at least one role', () => {
    for (const path of Object.keys(ACCESS) as ProcedurePath[]) {
      if ('roles' in ACCESS[path]) expect(rolesOf(path).length, path).toBeGreaterThan(0);
    }
  });
});

describe('procedure guards over HTTP', () => {
  let fx: GatewayFixture;
  let carrier: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    fx = await createGatewayFixture();
    await fx.addUser('carrier@demo', [
      {
        role: 'carrier',
        organisationId: ORG,
        districtCodes: [],
        carrierId: '00000000-0000-4000-8000-0000000000c1',
      },
    ]);
    await fx.addUser('admin@demo', [{ role: 'admin', organisationId: ORG, districtCodes: [] }]);
    carrier = await fx.signIn('carrier@demo');
    admin = await fx.signIn('admin@demo');
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it('should answer 401 to a protected procedure without a session', async () => {
    const res = await fx.trpc('system.health');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });

  it('should answer 403 to a role the procedure does not allow, and 200 to one it does', async () => {
    expect(rolesOf('system.health')).not.toContain('carrier');
    const refused = await fx.trpc('system.health', { cookie: carrier.cookie });
    expect(refused.status).toBe(403);
    const allowed = await fx.trpc('system.health', { cookie: admin.cookie });
    expect(allowed.status).toBe(200);
  });

  it('should answer 400 naming the bad field of a malformed input', async () => {
    const res = await fx.trpc('auth.switchRole', {
      mutation: true,
      cookie: admin.cookie,
      input: { role: 'king', organisationId: 'not-a-uuid' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { data: { fieldErrors: { path: string; message: string }[] } };
    };
    expect(body.error.data.fieldErrors.map((f) => f.path).sort()).toEqual([
      'organisationId',
      'role',
    ]);
  });

  it('should answer 400 to an oversized login input without hashing it', async () => {
    const res = await fx.trpc('auth.login', {
      mutation: true,
      input: { login: 'carrier@demo', password: 'x'.repeat(5000) },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { fieldErrors: { path: string }[] } } };
    expect(body.error.data.fieldErrors[0]?.path).toBe('password');
  });

  it('should not leak internals in a 500', async () => {
    // Sign-in asks households over the bus: close the bus under it to make it fail unexpectedly.
    await using broken = await createGatewayFixture({ db: { handle: fx.dbHandle, own: false } });
    await broken.addUser('admin@demo', [{ role: 'admin', organisationId: ORG, districtCodes: [] }]);
    await broken.bus.close();
    const login = await broken.trpc('auth.login', {
      mutation: true,
      input: { login: 'admin@demo', password: 'correct horse battery' },
    });
    expect(login.status).toBe(500);
    const body = (await login.json()) as {
      error: { message: string; data: Record<string, unknown> };
    };
    expect(body.error.message).toBe('internal server error');
    expect(JSON.stringify(body)).not.toMatch(/closed|stack|at /);
    expect(broken.log.lines.some((l) => l.level === 'error')).toBe(true);
  });
});

describe('scopes', () => {
  it('should deny by default when the object lacks the scoped attribute', () => {
    expect(inScope({ kind: 'organisation', organisationId: ORG }, {})).toBe(false);
    expect(inScope({ kind: 'districts', districtCodes: ['D01'] }, {})).toBe(false);
    expect(inScope({ kind: 'all' }, {})).toBe(true);
  });

  it('should let a carrier see a stop iff it is theirs and of today in Asia/Seoul', () => {
    const me = '00000000-0000-4000-8000-0000000000c1';
    const other = '00000000-0000-4000-8000-0000000000c2';
    fc.assert(
      fc.property(
        // Instants around many Seoul midnights (15:00 UTC) within ±2 hours.
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: -120, max: 120 }),
        fc.integer({ min: -1, max: 1 }),
        fc.boolean(),
        (dayOffset, minutes, stopDayShift, mine) => {
          const now = new Date(
            Date.UTC(2026, 0, 1, 15, 0) + dayOffset * 86_400_000 + minutes * 60_000,
          );
          const today = seoulDay(now);
          const stopDay = seoulDay(new Date(now.getTime() + stopDayShift * 86_400_000));
          const scope = { kind: 'carrier_today', carrierId: me, day: today } as const;
          const visible = inScope(scope, { carrierId: mine ? me : other, day: stopDay });
          expect(visible).toBe(mine && stopDayShift === 0);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('should take the Seoul date, not the UTC one', () => {
    expect(seoulDay(new Date('2026-11-25T14:59:59Z'))).toBe('2026-11-25');
    expect(seoulDay(new Date('2026-11-25T15:00:00Z'))).toBe('2026-11-26');
  });
});
