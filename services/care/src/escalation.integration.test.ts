import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PostgresServer } from '@anbu/db/testing';
import { alertEscalated } from '@anbu/contracts/events';
import { hasPostgres, startPostgres } from '@anbu/db/testing';

import type { CareDatabase } from './repo/schema.js';
import type { CareHarness } from './testing/harness.js';
import { newAlert } from './domain/alert.js';
import { insertAlert } from './repo/alerts.js';
import { startCare, testClock } from './testing/harness.js';

const MINUTE = 60_000;

/** `alert.escalated` events in the outbox, per alert id (the outbox is what gets published). */
async function escalations(db: Kysely<CareDatabase>): Promise<Map<string, number[]>> {
  const rows = await sql<{ alert_id: string; level: number }>`
    select envelope->'data'->>'alertId' as alert_id, (envelope->'data'->>'level')::int as level
    from outbox where subject = ${alertEscalated.subject} order by seq`.execute(db);
  const byAlert = new Map<string, number[]>();
  for (const row of rows.rows)
    byAlert.set(row.alert_id, [...(byAlert.get(row.alert_id) ?? []), row.level]);
  return byAlert;
}

async function raise(db: Kysely<CareDatabase>, now: Date) {
  const alert = newAlert({
    id: randomUUID(),
    householdId: randomUUID(),
    districtCode: '5214057000',
    severity: 'critical',
    reason: 'distress',
    summary: 'Welfare check: in distress',
    now,
  });
  await insertAlert(db, alert);
  return alert;
}

// Real PostgreSQL: row locks and SKIP LOCKED as in production. Skipped loudly without the binary.
describe.skipIf(!hasPostgres())('alert escalation on PostgreSQL', () => {
  let postgres: PostgresServer;
  const clock = testClock('2026-11-25T01:00:00.000Z');
  let a: CareHarness;
  let b: CareHarness;

  beforeAll(async () => {
    postgres = await startPostgres();
    // Two replicas on one database, sweeping every 20 ms.
    a = await startCare({
      url: postgres.url,
      instanceId: 'a',
      service: { now: clock.now, sweepMs: 20, sweepBatch: 7 },
    });
    b = await startCare({
      url: postgres.url,
      instanceId: 'b',
      service: { now: clock.now, sweepMs: 20, sweepBatch: 7 },
    });
  });
  afterAll(async () => {
    await a[Symbol.asyncDispose]();
    await b[Symbol.asyncDispose]();
    await postgres.stop();
  });

  it('should escalate each overdue alert exactly once while two replicas sweep', async () => {
    const alerts = await Promise.all(Array.from({ length: 40 }, () => raise(a.db, clock.now())));
    clock.advance(14 * MINUTE);
    await new Promise((r) => setTimeout(r, 200));
    expect((await escalations(a.db)).size).toBe(0);

    clock.advance(2 * MINUTE);
    await expect
      .poll(
        async () => {
          const done = await escalations(a.db);
          return alerts.filter((x) => done.has(x.id)).length;
        },
        { timeout: 10_000 },
      )
      .toBe(40);
    await new Promise((r) => setTimeout(r, 300));
    const done = await escalations(a.db);
    for (const alert of alerts) expect(done.get(alert.id)).toEqual([1]);
    const stored = await a.db
      .selectFrom('alerts')
      .select(['status', 'escalation_level', 'ack_deadline'])
      .where(
        'id',
        'in',
        alerts.map((x) => x.id),
      )
      .execute();
    for (const row of stored) {
      expect(row).toMatchObject({ status: 'escalated', escalation_level: 1 });
      // The program manager gets a fresh deadline.
      expect(row.ack_deadline.getTime()).toBe(clock.now().getTime() + 15 * MINUTE);
    }
  });

  it('should escalate an alert whose deadline passed while the service was down, once, across restarts', async () => {
    await a.stop();
    await b.stop();
    const alert = await raise(a.db, clock.now());
    clock.advance(20 * MINUTE);
    await new Promise((r) => setTimeout(r, 200));
    expect((await escalations(a.db)).get(alert.id)).toBeUndefined();

    await a.start();
    await expect
      .poll(async () => (await escalations(a.db)).get(alert.id), { timeout: 10_000 })
      .toEqual([1]);
    await a.stop();
    await a.start();
    await b.start();
    await new Promise((r) => setTimeout(r, 500));
    expect((await escalations(a.db)).get(alert.id)).toEqual([1]);

    // Still unacknowledged past the program manager's deadline: one more level (admin), once.
    clock.advance(16 * MINUTE);
    await expect
      .poll(async () => (await escalations(a.db)).get(alert.id), { timeout: 10_000 })
      .toEqual([1, 2]);
    clock.advance(60 * MINUTE);
    await new Promise((r) => setTimeout(r, 500));
    expect((await escalations(a.db)).get(alert.id)).toEqual([1, 2]);
  });
});
