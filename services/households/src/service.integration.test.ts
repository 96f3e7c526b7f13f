import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { RpcRemoteError } from '@anbu/bus';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { countHouseholds, enrol, getHousehold, registerHousehold } from '@anbu/contracts/rpc';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { HouseholdsHarness } from './testing/harness.js';
import {
  caseworkerA,
  FIXTURE,
  householdInput,
  seedDirectory,
  startHouseholds,
  systemActor,
} from './testing/harness.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

describe.skipIf(!servers)('households on PostgreSQL and NATS', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let h: HouseholdsHarness;

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    const bus = await createNatsBus({
      servers: nats.url,
      log: createTestLogger(),
      name: 'households-test',
    });
    h = await startHouseholds({ url: postgres.url, bus });
    await seedDirectory(h.bus);
  });

  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should register a household through the RPC and read it back', async () => {
    const created = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    const read = await h.bus.request(
      getHousehold,
      { householdId: created.id },
      { actor: caseworkerA },
    );
    expect(read).toEqual(created);
    expect(read.name).toBe('김순자');
  });

  it('should refuse enrolment without consent, naming the field', async () => {
    const household = await h.bus.request(registerHousehold, householdInput(), {
      actor: caseworkerA,
    });
    const error = await h.bus
      .request(
        enrol,
        { householdId: household.id, programId: FIXTURE.programId, startsOn: '2026-12-01' },
        { actor: caseworkerA },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcRemoteError);
    expect((error as RpcRemoteError).code).toBe('PRECONDITION_FAILED');
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual(['consent']);
  });

  it('should answer a malformed payload with BAD_REQUEST naming the field, storing nothing', async () => {
    const before = await h.bus.request(countHouseholds, {}, { actor: systemActor });
    const error = await h.bus
      .request(registerHousehold, householdInput({ riskLevel: 'extreme' }), { actor: caseworkerA })
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).code).toBe('BAD_REQUEST');
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual(['riskLevel']);
    expect(await h.bus.request(countHouseholds, {}, { actor: systemActor })).toEqual(before);
  });
});
