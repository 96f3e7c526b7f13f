import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Bus } from '@anbu/bus';
import type { DbHandle } from '@anbu/db';
import { handle } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { importBulk } from '@anbu/contracts/rpc';
import { createDb, migrateToLatest } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';

import type { GatewayTables } from '../db/schema.js';
import { verifyPassword } from '../auth/password.js';
import { findUserByLogin } from '../auth/users.js';
import { migrations } from '../db/migrations/index.js';
import { GATEWAY_SCHEMA } from '../db/schema.js';
import { bootstrapAdmin, BootstrapRefusedError } from './bootstrap-admin.js';

type ImportInput = Parameters<Parameters<typeof handle<typeof importBulk>>[1]>[0];

describe('bootstrapAdmin (the first administrator of a distributed deployment)', () => {
  const log = createTestLogger();
  let handleDb: DbHandle;
  let bus: Bus;
  const imports: ImportInput[] = [];
  let refuseMemberships = false;

  beforeAll(async () => {
    handleDb = await createDb({ dataDir: 'memory://', log });
    const db = handleDb.forSchema<GatewayTables>(GATEWAY_SCHEMA);
    const { error } = await migrateToLatest({ db, schema: GATEWAY_SCHEMA, migrations });
    if (error) throw error;
    bus = createMemoryBus({ log });
    // Households' bulk import, recording what it was asked (its own rules are households' tests).
    await bus.serve([
      handle(importBulk, (input) => {
        imports.push(input);
        const failed = refuseMemberships
          ? input.memberships.map((m) => ({
              kind: 'membership',
              id: m.id,
              message: 'no such organisation',
            }))
          : [];
        return Promise.resolve({ created: {}, existing: {}, failed });
      }),
    ]);
  });
  afterAll(async () => {
    await bus.close();
    await handleDb.close();
  });

  const gatewayDb = () => handleDb.forSchema<GatewayTables>(GATEWAY_SCHEMA);

  it('should create the login, the city organisation and the admin role, and audit it', async () => {
    const made = await bootstrapAdmin(
      { db: gatewayDb(), bus },
      { login: 'Admin@City', displayName: '관리자', organisation: { name: '익산시' } },
    );
    expect(made.generated).toBe(true);
    expect(made.password.length).toBeGreaterThanOrEqual(20);
    const row = await findUserByLogin(gatewayDb(), 'admin@city');
    expect(row?.id).toBe(made.userId);
    expect(
      await verifyPassword({ passwordHash: row?.password_hash ?? '', password: made.password }),
    ).toBe(true);
    const sent = imports.at(-1);
    expect(sent?.organisations).toEqual([
      { id: made.organisationId, name: '익산시', kind: 'city', districtCodes: [] },
    ]);
    expect(sent?.memberships).toMatchObject([
      {
        userId: made.userId,
        role: 'admin',
        organisationId: made.organisationId,
        districtCodes: [],
      },
    ]);
    const audit = await gatewayDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'subject_id'])
      .execute();
    expect(audit).toContainEqual({
      action: 'bootstrap.createAdmin',
      actor_kind: 'system',
      subject_id: made.userId,
    });
  });

  it('should refuse an existing login and leave no login behind when households refuses', async () => {
    await expect(
      bootstrapAdmin(
        { db: gatewayDb(), bus },
        {
          login: 'admin@city',
          displayName: 'x',
          password: 'another password 1',
          organisation: { name: 'y' },
        },
      ),
    ).rejects.toBeInstanceOf(BootstrapRefusedError);
    refuseMemberships = true;
    await expect(
      bootstrapAdmin(
        { db: gatewayDb(), bus },
        {
          login: 'second@city',
          displayName: 'x',
          password: 'another password 1',
          organisation: { id: '00000000-0000-4000-8000-00000000dead' },
        },
      ),
    ).rejects.toThrow(/households refused the membership/);
    expect(await findUserByLogin(gatewayDb(), 'second@city')).toBeUndefined();
  });
});
