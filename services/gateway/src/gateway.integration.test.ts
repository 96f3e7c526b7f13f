import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Bus, Server } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { ServiceName } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { PostgresServer } from '@anbu/db/testing';
import { handle, NatsServerNotFoundError } from '@anbu/bus';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { healthRpc, SERVICE_NAMES } from '@anbu/contracts';
import { membershipsForUser } from '@anbu/contracts/rpc';
import { createDb, migrateToLatest, PostgresBinaryNotFoundError } from '@anbu/db';
import { createTestLogger, hasPostgres, requireBinary, startPostgres } from '@anbu/db/testing';

import type { GatewayTables } from './db/schema.js';
import type { Gateway } from './gateway.js';
import { createGateway } from './gateway.js';

const canRun =
  requireBinary(
    'PostgreSQL',
    hasPostgres(),
    () => new PostgresBinaryNotFoundError('postgres not found'),
  ) &&
  requireBinary(
    'nats-server',
    hasNatsServer(),
    () => new NatsServerNotFoundError('nats-server not found'),
  );

const ORG = '00000000-0000-4000-8000-0000000000d1';
const PASSWORD = 'integration password';

/** The neighbours' side: health of each service and households' memberships, over NATS. */
async function serveNeighbours(bus: Bus, userId: () => string) {
  const health: Partial<Record<ServiceName, Server>> = {};
  for (const service of SERVICE_NAMES) {
    health[service] = await bus.serve([
      handle(healthRpc[service], () =>
        Promise.resolve({
          service,
          status: 'ok' as const,
          instanceId: `${service}-it`,
          version: 'it',
          uptimeSeconds: 1,
          checks: {},
        }),
      ),
    ]);
  }
  const memberships = await bus.serve([
    handle(membershipsForUser, (input) =>
      Promise.resolve({
        memberships:
          input.userId === userId()
            ? [{ role: 'dispatcher' as const, organisationId: ORG, districtCodes: ['D01'] }]
            : [],
      }),
    ),
  ]);
  return { health, memberships };
}

describe.runIf(canRun)('gateway on real PostgreSQL and NATS', () => {
  const log = createTestLogger();
  let pg: PostgresServer;
  let nats: NatsServer;
  let db: DbHandle;
  let gatewayBus: Bus;
  let servicesBus: Bus;
  let gateway: Gateway;
  let neighbours: Awaited<ReturnType<typeof serveNeighbours>>;
  let userId = '';

  beforeAll(async () => {
    [pg, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    db = await createDb({ url: pg.url, log });
    gatewayBus = await createNatsBus({ servers: nats.url, log, name: 'gateway-it' });
    servicesBus = await createNatsBus({ servers: nats.url, log, name: 'neighbours-it' });
    neighbours = await serveNeighbours(servicesBus, () => userId);
    const gatewayDb = db.forSchema<GatewayTables>('gateway');
    gateway = createGateway({ db: gatewayDb, bus: gatewayBus, log, healthTimeoutMs: 1_000 });
    const { error } = await migrateToLatest({
      db: gatewayDb,
      schema: gateway.schema,
      migrations: gateway.migrations,
    });
    if (error) throw error;
    userId = (
      await gateway.createUser({ login: 'dispatcher@it', displayName: 'IT', password: PASSWORD })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await servicesBus?.close();
    await gatewayBus?.close();
    await db?.close();
    await nats?.stop();
    await pg?.stop();
  });

  it('should report all five services healthy over NATS', async () => {
    const res = await gateway.app.request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { services: Record<string, { status: string }> };
    expect(Object.values(body.services).map((s) => s.status)).toEqual(
      SERVICE_NAMES.map(() => 'ok'),
    );
  });

  it('should sign a user in through tRPC, with memberships fetched over NATS', async () => {
    const login = await gateway.app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'dispatcher@it', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = await gateway.app.request('/trpc/auth.me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { result: { data: { role: string; user: { id: string } } } };
    expect(body.result.data).toMatchObject({ role: 'dispatcher', user: { id: userId } });
  });

  it('should answer 503 naming a service once its last replica stops', async () => {
    await neighbours.health.dispatch?.stop();
    const res = await gateway.app.request('/healthz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { failing: string[] };
    expect(body.failing).toEqual(['dispatch']);
  });
});
