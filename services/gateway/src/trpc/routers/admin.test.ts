import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GatewayFixture, SignedIn } from '../../testing/gateway-fixture.js';
import { createGatewayFixture, TEST_PASSWORD } from '../../testing/gateway-fixture.js';

const ORG = '00000000-0000-4000-8000-00000000a001';
const DISTRICT_A = '5214057000';
const DISTRICT_B = '5214025000';

interface TrpcError {
  error: { data: { httpStatus: number; code: string; fieldErrors: { path: string }[] | null } };
}

describe('admin: accounts and roles', () => {
  let fx: GatewayFixture;
  let admin: SignedIn;
  let auditor: SignedIn;

  beforeAll(async () => {
    fx = await createGatewayFixture({ roleAdministration: true });
    await fx.addUser('admin@city', [{ role: 'admin', organisationId: ORG, districtCodes: [] }]);
    await fx.addUser('auditor@city', [{ role: 'auditor', organisationId: ORG, districtCodes: [] }]);
    admin = await fx.signIn('admin@city');
    auditor = await fx.signIn('auditor@city');
  });
  afterAll(async () => {
    await fx[Symbol.asyncDispose]();
  });

  const call = (who: SignedIn, path: string, input: unknown, key?: string) =>
    fx.trpc(path, {
      mutation: true,
      input,
      cookie: who.cookie,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });

  const newUser = (login: string) => ({ login, displayName: '새 복지사', password: TEST_PASSWORD });

  const auditRows = (userId: string) =>
    fx.db
      .selectFrom('audit_log')
      .select(['action', 'detail', 'actor_id'])
      .where('subject_id', '=', userId)
      .orderBy('id')
      .execute();

  const createdId = async (res: Response): Promise<string> => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { data: { id: string } } }).result.data.id;
  };

  it('should create an account once per idempotency key and refuse a taken login by name', async () => {
    const first = await call(admin, 'admin.createUser', newUser('kim@city'), 'create-kim');
    const firstBody = await first.text();
    const retry = await call(admin, 'admin.createUser', newUser('kim@city'), 'create-kim');
    expect(retry.status).toBe(200);
    expect(await retry.text()).toBe(firstBody);
    const taken = await call(admin, 'admin.createUser', newUser('KIM@city'), 'another-key');
    expect(taken.status).toBe(409);
    const error = (await taken.json()) as TrpcError;
    expect(error.error.data.fieldErrors?.map((i) => i.path)).toEqual(['login']);
    const users = await fx.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'kim@city')
      .execute();
    expect(users).toHaveLength(1);
    const id = (JSON.parse(firstBody) as { result: { data: { id: string } } }).result.data.id;
    expect((await auditRows(id)).map((r) => r.action)).toEqual(['admin.createUser']);
  });

  it('should grant a role, end sessions when it narrows or is revoked, and audit each change', async () => {
    const id = await createdId(await call(admin, 'admin.createUser', newUser('lee@city')));
    const grant = {
      userId: id,
      role: 'caseworker',
      organisationId: ORG,
      districtCodes: [DISTRICT_A, DISTRICT_B],
    };
    expect(await (await call(admin, 'admin.grantRole', grant)).json()).toMatchObject({
      result: { data: { change: 'granted' } },
    });
    expect(await (await call(admin, 'admin.grantRole', grant)).json()).toMatchObject({
      result: { data: { change: 'unchanged' } },
    });
    const lee = await fx.signIn('lee@city');
    const me = await fx.trpc('auth.me', { cookie: lee.cookie });
    expect(me.status).toBe(200);

    const narrowed = await call(admin, 'admin.grantRole', {
      ...grant,
      districtCodes: [DISTRICT_A],
    });
    expect(await narrowed.json()).toMatchObject({ result: { data: { change: 'changed' } } });
    expect((await fx.trpc('auth.me', { cookie: lee.cookie })).status).toBe(401);

    const again = await fx.signIn('lee@city');
    const revoke = { userId: id, organisationId: ORG, role: 'caseworker' };
    expect(await (await call(admin, 'admin.revokeRole', revoke)).json()).toMatchObject({
      result: { data: { revoked: true } },
    });
    expect((await fx.trpc('auth.me', { cookie: again.cookie })).status).toBe(401);

    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual([
      'admin.createUser',
      'admin.grantRole',
      'admin.grantRole',
      'admin.revokeRole',
    ]);
    expect(rows[1]?.detail).toBe(`granted caseworker @ ${ORG} [${DISTRICT_A},${DISTRICT_B}]`);
    expect(rows[2]?.detail).toContain(`→ caseworker @ ${ORG} [${DISTRICT_A}]`);
    expect(rows.every((r) => r.actor_id === admin.userId)).toBe(true);
  });

  it('should disable an account: no sign-in, sessions ended, never the admin themself', async () => {
    const id = await createdId(await call(admin, 'admin.createUser', newUser('park@city')));
    await call(admin, 'admin.grantRole', {
      userId: id,
      role: 'dispatcher',
      organisationId: ORG,
      districtCodes: [DISTRICT_A],
    });
    const park = await fx.signIn('park@city');
    expect((await call(admin, 'admin.disableUser', { userId: id })).status).toBe(200);
    expect((await fx.trpc('auth.me', { cookie: park.cookie })).status).toBe(401);
    await expect(fx.signIn('park@city')).rejects.toThrow(/sign-in of park@city failed/);
    const self = await call(admin, 'admin.disableUser', { userId: admin.userId });
    expect(self.status).toBe(400);
    const granted = await call(admin, 'admin.grantRole', {
      userId: id,
      role: 'dispatcher',
      organisationId: ORG,
      districtCodes: [DISTRICT_A],
    });
    expect(
      ((await granted.json()) as TrpcError).error.data.fieldErrors?.map((i) => i.path),
    ).toEqual(['userId']);
  });

  it('should let auditors read the accounts with their roles, and change nothing', async () => {
    const list = await fx.trpc('admin.users', { input: {}, cookie: auditor.cookie });
    expect(list.status).toBe(200);
    const { items } = (
      (await list.json()) as {
        result: {
          data: { items: { login: string; roles: { role: string }[]; disabled: boolean }[] };
        };
      }
    ).result.data;
    expect(items.find((u) => u.login === 'admin@city')?.roles.map((r) => r.role)).toEqual([
      'admin',
    ]);
    expect(items.find((u) => u.login === 'park@city')?.disabled).toBe(true);
    const refused = await call(auditor, 'admin.createUser', newUser('choi@city'));
    expect(refused.status).toBe(403);
    const users = await fx.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'choi@city')
      .execute();
    expect(users).toEqual([]);
  });
});
