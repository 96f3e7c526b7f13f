import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handle } from '@anbu/bus';
import { listDistrictStaff, listNotifications } from '@anbu/contracts/rpc';

import type { CareHarness } from './testing/harness.js';
import { raiseAlert } from './alerting/raise-alert.js';
import { createWebhookNotifier } from './notify/webhook-notifier.js';
import { startCare } from './testing/harness.js';

const MOHYEON = '5214057000';
const caseworker = {
  kind: 'user' as const,
  id: randomUUID(),
  role: 'caseworker' as const,
  districtCodes: [MOHYEON],
};

describe('alert notifications through a webhook', () => {
  let h: CareHarness;
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(String(req.headers['idempotency-key']));
    // The first two sends fail: the outbox retries with backoff until one goes through.
    res.statusCode = hits.length <= 2 ? 503 : 200;
    res.end();
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    h = await startCare({
      service: {
        notifiers: () => [
          createWebhookNotifier({ url: `http://127.0.0.1:${port}/hook`, timeoutMs: 1_000 }),
        ],
        backoff: { baseMs: 20, maxMs: 100 },
      },
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('should retry a failed send with backoff until the webhook takes it, once delivered', async () => {
    const { alert } = await h.db.transaction().execute((trx) =>
      raiseAlert(trx, {
        decision: {
          severity: 'high',
          reason: 'illness_or_injury',
          summary: 'Welfare check: illness or injury',
        },
        householdId: randomUUID(),
        districtCode: MOHYEON,
        observationIds: [],
        origin: 'visit',
        channels: ['webhook'],
        now: new Date(),
      }),
    );
    const notification = async () =>
      (await h.bus.request(listNotifications, { alertId: alert.id }, { actor: caseworker }))
        .items[0];
    await expect.poll(async () => (await notification())?.status, { timeout: 10_000 }).toBe('sent');
    expect(await notification()).toMatchObject({
      channel: 'webhook',
      attempts: 3,
      template: 'alert.raised',
    });
    await new Promise((r) => setTimeout(r, 300));
    const id = (await notification())?.id;
    expect(hits).toEqual([id, id, id]);
  });
});

describe('alert notifications to the named caseworkers of the district', () => {
  let h: CareHarness;
  const bodies: { id: string; recipientUserId?: string; recipientRole?: string }[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as (typeof bodies)[number]);
      res.end();
    });
  });
  const [first, second] = [randomUUID(), randomUUID()];
  const staff = new Map<string, string[]>([[MOHYEON, [first, second]]]);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    h = await startCare({
      service: {
        notifiers: () => [createWebhookNotifier({ url: `http://127.0.0.1:${port}/hook` })],
        sweepMs: 50,
      },
    });
    // The households service's answer: who holds the role in the district.
    await h.bus.serve([
      handle(listDistrictStaff, ({ districtCode, roles }) =>
        Promise.resolve({
          members: (staff.get(districtCode) ?? []).flatMap((userId) =>
            roles.map((role) => ({ userId, role })),
          ),
        }),
      ),
    ]);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const raise = (districtCode: string) =>
    h.db.transaction().execute((trx) =>
      raiseAlert(trx, {
        decision: { severity: 'high', reason: 'asked_for_help', summary: 'Asked for help' },
        householdId: randomUUID(),
        districtCode,
        observationIds: [],
        origin: 'visit',
        channels: ['webhook'],
        now: new Date(),
      }),
    );

  it('should send each caseworker of the district their own notification, once', async () => {
    const { alert } = await raise(MOHYEON);
    const mine = async (id: string) =>
      (
        await h.bus.request(
          listNotifications,
          { alertId: alert.id },
          { actor: { ...caseworker, id } },
        )
      ).items;
    await expect
      .poll(async () => (await mine(first)).map((n) => [n.recipientUserId, n.status]), {
        timeout: 10_000,
      })
      .toEqual([[first, 'sent']]);
    await expect
      .poll(async () => (await mine(second)).map((n) => [n.recipientUserId, n.status]), {
        timeout: 10_000,
      })
      .toEqual([[second, 'sent']]);
    await new Promise((r) => setTimeout(r, 300));
    expect(bodies.map((b) => b.recipientUserId).sort()).toEqual([first, second].sort());
    expect(bodies.every((b) => b.recipientRole === 'caseworker')).toBe(true);
    // Another caseworker of the district reads neither of the named ones.
    expect(await mine(randomUUID())).toEqual([]);
  });

  it('should send to the role when nobody is named for the district', async () => {
    bodies.length = 0;
    const { alert } = await raise('5214025000');
    await expect.poll(() => bodies.length, { timeout: 10_000 }).toBe(1);
    expect(bodies[0]).toMatchObject({ alertId: alert.id, recipientRole: 'caseworker' });
    expect(bodies[0]).not.toHaveProperty('recipientUserId');
  });
});
