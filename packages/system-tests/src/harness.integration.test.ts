import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasNatsServer } from '@anbu/bus/testing';
import { healthRpc, SYSTEM_ACTOR } from '@anbu/contracts';
import { hasPostgres } from '@anbu/db/testing';

import type { SeededWorld } from './harness/seed-world.js';
import type { RunningSystem } from './harness/start-system.js';
import { seedWorld, SYSTEM_TEST_PASSWORD } from './harness/seed-world.js';
import { startSystem, SYSTEM_SERVICES } from './harness/start-system.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

describe.skipIf(!servers)('system harness', () => {
  let system: RunningSystem;
  let world: SeededWorld;

  beforeAll(async () => {
    system = await startSystem();
    world = await seedWorld(system);
  });

  afterAll(async () => {
    await system[Symbol.asyncDispose]();
  });

  it('should run every service on its own connection, each answering health over NATS', async () => {
    expect(system.replicas.map((r) => r.name)).toEqual([...SYSTEM_SERVICES]);
    expect(new Set(system.replicas.map((r) => r.bus)).size).toBe(SYSTEM_SERVICES.length);
    for (const name of SYSTEM_SERVICES) {
      const health = await system.bus.request(healthRpc[name], {}, { actor: SYSTEM_ACTOR });
      expect(health).toMatchObject({ service: name, status: 'ok', instanceId: `${name}-1` });
    }
  });

  it('should sign a seeded user in through the gateway with the role households gave them', async () => {
    const manager = await world.addUser({ role: 'program_manager' });
    const cookie = await system.http.signIn(manager.login, SYSTEM_TEST_PASSWORD);
    const me = await system.http.trpc<{ user: { id: string } }>('auth.me', { cookie });
    expect(me.status).toBe(200);
    expect(me.data?.user.id).toBe(manager.id);
  });

  it('should take a partner REST call with an API key and refuse one without', async () => {
    const apiKey = await world.apiKey();
    const me = await system.http.rest<{ organisationId: string }>('GET', '/me', { apiKey });
    expect(me.status).toBe(200);
    expect(me.body.organisationId).toBe(world.partnerOrganisationId);
    const anonymous = await system.http.rest('GET', '/me', { idempotencyKey: randomUUID() });
    expect(anonymous.status).toBe(401);
  });

  it('should start a second replica of a service on its own connection', async () => {
    const replica = await system.addReplica('matching');
    expect(replica.instanceId).toBe('matching-2');
    await replica.stop();
  });
});
