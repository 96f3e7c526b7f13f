import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GatewayTables } from '@anbu/gateway';
import { hasNatsServer } from '@anbu/bus/testing';
import { hasPostgres } from '@anbu/db/testing';
import { bootstrapAdmin } from '@anbu/gateway';

import type { SeededWorld } from './harness/seed-world.js';
import type { RunningSystem } from './harness/start-system.js';
import { seedWorld } from './harness/seed-world.js';
import { startSystem } from './harness/start-system.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

describe.skipIf(!servers)(
  'accounts: the first admin of a distributed deployment manages roles (issue 9: role changes audited)',
  () => {
    let system: RunningSystem;
    let world: SeededWorld;

    beforeAll(async () => {
      system = await startSystem({
        services: ['households', 'donations', 'dispatch'],
        dispatch: { runPlanning: false },
      });
      world = await seedWorld(system);
    });
    afterAll(async () => {
      await system[Symbol.asyncDispose]();
    });

    it('should bootstrap an admin who creates a caseworker, grants and revokes their district', async () => {
      const gatewayDb = system.db<GatewayTables>('gateway');
      const first = await bootstrapAdmin(
        { db: gatewayDb, bus: system.bus },
        { login: 'first-admin@city', displayName: '첫 관리자', organisation: { name: '익산시' } },
      );
      const admin = await system.http.signIn('first-admin@city', first.password);
      const me = await system.http.trpc<{ activeRole: { role: string } }>('auth.me', {
        cookie: admin,
      });
      expect(me.status).toBe(200);

      const created = await system.http.trpc<{ id: string }>('admin.createUser', {
        mutation: true,
        cookie: admin,
        idempotencyKey: 'create-caseworker-1',
        input: {
          login: 'new.caseworker@city',
          displayName: '새 복지사',
          password: 'a long enough password',
        },
      });
      expect(created.status).toBe(200);
      const userId = created.data?.id ?? '';
      await world.addHousehold();

      const grant = await system.http.trpc<{ change: string }>('admin.grantRole', {
        mutation: true,
        cookie: admin,
        input: {
          userId,
          role: 'caseworker',
          organisationId: world.welfareOfficeId,
          districtCodes: [world.districtCode],
        },
      });
      expect(grant).toMatchObject({ status: 200, data: { change: 'granted' } });

      const caseworker = await system.http.signIn('new.caseworker@city', 'a long enough password');
      const households = await system.http.trpc<{ items: unknown[] }>('households.list', {
        cookie: caseworker,
        input: {},
      });
      expect(households.status).toBe(200);
      expect(households.data?.items.length).toBeGreaterThan(0);

      const revoke = await system.http.trpc<{ revoked: boolean }>('admin.revokeRole', {
        mutation: true,
        cookie: admin,
        input: { userId, organisationId: world.welfareOfficeId, role: 'caseworker' },
      });
      expect(revoke).toMatchObject({ status: 200, data: { revoked: true } });
      const after = await system.http.trpc('households.list', { cookie: caseworker, input: {} });
      expect(after.status).toBe(401);
      await expect(
        system.http.signIn('new.caseworker@city', 'a long enough password'),
      ).rejects.toThrow();

      const audit = await gatewayDb
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('subject_id', 'in', [first.userId, userId])
        .orderBy('id')
        .execute();
      expect(audit.map((row) => row.action)).toEqual([
        'bootstrap.createAdmin',
        'admin.createUser',
        'admin.grantRole',
        'admin.revokeRole',
      ]);
      expect(audit[2]?.detail).toBe(
        `granted caseworker @ ${world.welfareOfficeId} [${world.districtCode}]`,
      );
    });
  },
);
