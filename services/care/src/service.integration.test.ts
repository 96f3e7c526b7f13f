import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RpcRemoteError } from '@anbu/bus';
import type { NatsServer } from '@anbu/bus/testing';
import type { PostgresServer } from '@anbu/db/testing';
import { createNatsBus } from '@anbu/bus/nats';
import { hasNatsServer, startNatsServer } from '@anbu/bus/testing';
import { householdUpdated, stopUpdated } from '@anbu/contracts/events';
import { acknowledgeAlert, getAlert, listAlerts } from '@anbu/contracts/rpc';
import { createTestLogger, hasPostgres, startPostgres } from '@anbu/db/testing';

import type { CareHarness } from './testing/harness.js';
import { newAlert } from './domain/alert.js';
import { insertAlert } from './repo/alerts.js';
import { districtOf } from './repo/households.js';
import { startCare } from './testing/harness.js';

// Real PostgreSQL and real NATS JetStream: skipped loudly without the binaries, a failure in CI.
const servers = hasPostgres() && hasNatsServer();

const caseworker = {
  kind: 'user' as const,
  id: '11111111-1111-4111-8111-111111111111',
  role: 'caseworker' as const,
  districtCodes: ['5214057000'],
};

describe.skipIf(!servers)('care on PostgreSQL and NATS', () => {
  let postgres: PostgresServer;
  let nats: NatsServer;
  let h: CareHarness;

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([startPostgres(), startNatsServer({ jetstream: true })]);
    const bus = await createNatsBus({
      servers: nats.url,
      log: createTestLogger(),
      name: 'care-test',
    });
    h = await startCare({ url: postgres.url, bus });
  });

  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await Promise.all([nats.stop(), postgres.stop()]);
  });

  it('should acknowledge an alert through the RPC and read it back', async () => {
    const alert = newAlert({
      id: randomUUID(),
      householdId: randomUUID(),
      districtCode: '5214057000',
      severity: 'critical',
      reason: 'help_requested',
      summary: 'Asked for help at the door',
      now: new Date(),
    });
    await insertAlert(h.db, alert);
    await h.bus.request(acknowledgeAlert, { alertId: alert.id }, { actor: caseworker });
    const read = await h.bus.request(getAlert, { alertId: alert.id }, { actor: caseworker });
    expect(read).toMatchObject({ status: 'acknowledged', acknowledgedBy: caseworker.id });
  });

  it('should answer a malformed payload with BAD_REQUEST naming the field', async () => {
    const error = await h.bus
      .request(acknowledgeAlert, { alertId: 42 } as never, { actor: caseworker })
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).code).toBe('BAD_REQUEST');
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual(['alertId']);
  });

  it('should raise not_home_twice from two stop updates consumed from JetStream', async () => {
    const householdId = randomUUID();
    const envelope = <T>(type: string, version: number, data: T) => ({
      id: randomUUID(),
      type,
      version,
      occurredAt: new Date().toISOString(),
      data,
    });
    await h.bus.publish(
      householdUpdated.subject,
      envelope(householdUpdated.type, householdUpdated.version, {
        householdId,
        districtCode: '5214057000',
        version: 1,
        changedFields: ['districtCode'],
      }),
    );
    // Households tell care the district long before any delivery.
    await expect.poll(() => districtOf(h.db, householdId), { timeout: 30_000 }).toBe('5214057000');
    const notHome = (daysAgo: number) =>
      h.bus.publish(
        stopUpdated.subject,
        envelope(stopUpdated.type, stopUpdated.version, {
          stopId: randomUUID(),
          routeId: randomUUID(),
          orderId: randomUUID(),
          kind: 'delivery',
          householdId,
          carrierId: randomUUID(),
          status: 'not_home',
          at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
          returnedToPool: true,
        }),
      );
    await notHome(2);
    await notHome(1);
    await expect
      .poll(
        async () =>
          (await h.bus.request(listAlerts, { householdId }, { actor: caseworker })).items.map(
            (a) => [a.reason, a.districtCode],
          ),
        { timeout: 30_000 },
      )
      .toEqual([['not_home_twice', '5214057000']]);
  });
});
