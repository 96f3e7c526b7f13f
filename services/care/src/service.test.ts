import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { OutboxDatabase } from '@anbu/bus/outbox';
import type { AlertSeverity, EventOf } from '@anbu/contracts';
import { on, RpcRemoteError } from '@anbu/bus';
import { householdUpdated, needRequested } from '@anbu/contracts/events';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from '@anbu/contracts/rpc';

import type { CareHarness } from './testing/harness.js';
import { newAlert } from './domain/alert.js';
import { insertAlert } from './repo/alerts.js';
import { districtOf } from './repo/households.js';
import { startCare } from './testing/harness.js';

const MOHYEON = '5214057000';
const HAMYEOL = '5214025000';
const caseworker = {
  kind: 'user' as const,
  id: '11111111-1111-4111-8111-111111111111',
  role: 'caseworker' as const,
  districtCodes: [MOHYEON],
};

async function remoteError(promise: Promise<unknown>): Promise<RpcRemoteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcRemoteError))
    throw new Error(`expected an RpcRemoteError, got ${String(error)}`);
  return error;
}

describe('care service', () => {
  let h: CareHarness;
  beforeAll(async () => {
    h = await startCare();
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  const raise = async (severity: AlertSeverity, districtCode = MOHYEON, minutesAgo = 0) => {
    const alert = newAlert({
      id: randomUUID(),
      householdId: randomUUID(),
      districtCode,
      severity,
      reason: 'not_home_twice',
      summary: 'Not home at two visits in a row',
      now: new Date(Date.now() - minutesAgo * 60_000),
    });
    await insertAlert(h.db, alert);
    return alert;
  };

  it("should list a caseworker's queue, most severe first, and only their districts", async () => {
    const low = await raise('low', MOHYEON, 30);
    const critical = await raise('critical', MOHYEON, 5);
    const highOld = await raise('high', MOHYEON, 20);
    const highNew = await raise('high', MOHYEON, 10);
    const elsewhere = await raise('critical', HAMYEOL);
    const first = await h.bus.request(listAlerts, { limit: 2 }, { actor: caseworker });
    const second = await h.bus.request(
      listAlerts,
      { limit: 50, cursor: first.nextCursor },
      { actor: caseworker },
    );
    const ids = [...first.items, ...second.items].map((a) => a.id);
    const mine = [critical.id, highOld.id, highNew.id, low.id];
    expect(ids.filter((id) => mine.includes(id))).toEqual(mine);
    expect(ids).not.toContain(elsewhere.id);
    const foreign = await remoteError(
      h.bus.request(listAlerts, { districtCodes: [HAMYEOL] }, { actor: caseworker }),
    );
    expect(foreign.issues[0]?.path).toBe('districtCodes');
    expect(
      (await remoteError(h.bus.request(getAlert, { alertId: elsewhere.id }, { actor: caseworker })))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('should acknowledge once, then resolve with a follow-up need requested', async () => {
    const requested: EventOf<typeof needRequested>[] = [];
    const consumer = await h.bus.consume({
      durable: 'test_need_requests',
      routes: [on(needRequested, (event) => Promise.resolve(void requested.push(event)))],
    });
    const alert = await raise('high');
    const acked = await h.bus.request(
      acknowledgeAlert,
      { alertId: alert.id },
      { actor: caseworker },
    );
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedBy: caseworker.id });
    const twice = await remoteError(
      h.bus.request(acknowledgeAlert, { alertId: alert.id }, { actor: caseworker }),
    );
    expect(twice.code).toBe('CONFLICT');
    const resolved = await h.bus.request(
      resolveAlert,
      {
        alertId: alert.id,
        resolution: 'visited',
        followUp: { category: 'heating', quantity: 1, unit: 'piece', deadline: '2026-12-05' },
      },
      { actor: caseworker },
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'visited' });
    await expect
      .poll(() => requested.filter((e) => e.data.alertId === alert.id).length, { timeout: 5_000 })
      .toBe(1);
    await consumer.stop();
    expect(requested.find((e) => e.data.alertId === alert.id)?.data).toMatchObject({
      requestId: resolved.followUpRequestId,
      householdId: alert.householdId,
      category: 'heating',
      priority: 50,
    });
  });

  it('should refuse a malformed resolution naming the field, changing nothing', async () => {
    const alert = await raise('medium');
    const error = await remoteError(
      h.bus.request(resolveAlert, { alertId: alert.id, resolution: 'magic' } as never, {
        actor: caseworker,
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues.map((i) => i.path)).toEqual(['resolution']);
    expect(
      (await h.bus.request(getAlert, { alertId: alert.id }, { actor: caseworker })).status,
    ).toBe('raised');
  });

  it("should keep each household's latest district from households' events", async () => {
    const householdId = randomUUID();
    const event = (version: number, districtCode: string) => ({
      id: randomUUID(),
      type: householdUpdated.type,
      version: householdUpdated.version,
      occurredAt: new Date().toISOString(),
      data: { householdId, districtCode, version, changedFields: ['districtCode'] },
    });
    const newer = event(2, HAMYEOL);
    const older = event(1, MOHYEON);
    await h.bus.publish(householdUpdated.subject, newer);
    await h.bus.publish(householdUpdated.subject, older);
    const inbox = h.db as unknown as Kysely<OutboxDatabase>;
    const applied = async () =>
      (
        await inbox
          .selectFrom('inbox')
          .select('event_id')
          .where('event_id', 'in', [newer.id, older.id])
          .execute()
      ).length;
    // Both applied, the older one last: the newer district must win.
    await expect.poll(applied, { timeout: 5_000 }).toBe(2);
    expect(await districtOf(h.db, householdId)).toBe(HAMYEOL);
  });
});
