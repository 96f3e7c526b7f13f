import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningService } from '@anbu/service-kit';
import { handle } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { acceptDonation, importDonationsBulk, listPickupSlots } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { createDonationsService } from '@anbu/donations';
import { startService } from '@anbu/service-kit';

import type { GatewayFixture } from '../testing/gateway-fixture.js';
import { createGatewayFixture } from '../testing/gateway-fixture.js';

const ORG = '00000000-0000-4000-8000-0000000000e1';
const OTHER_ORG = '00000000-0000-4000-8000-0000000000e2';
const DEPOT = '00000000-0000-4000-8000-0000000000e3';
const SLOT = '00000000-0000-4000-8000-0000000000e4';
const system = { actor: { kind: 'system' as const, id: 'system', districtCodes: [] } };

const tomorrow = new Date(Date.now() + 86_400_000);
const day = tomorrow.toISOString().slice(0, 10);
const donation = {
  items: [{ category: 'instant_food', quantity: 30, unit: 'box', storageClass: 'ambient' }],
  pickup: {
    placeName: 'Rotary hall',
    address: '익산시 중앙로 1',
    location: { lat: 35.95, lng: 126.96 },
    window: {
      start: tomorrow.toISOString(),
      end: new Date(tomorrow.getTime() + 3 * 3_600_000).toISOString(),
    },
  },
};

/**
 * The partner REST API against the real donations service: idempotency keys (400 without one,
 * the same answer for a retry, 422 for a reused key with another body), donation status and
 * pickup booking, scoped to the key's organisation.
 */
describe('partner REST API with the donations service', () => {
  let fx: GatewayFixture;
  let service: RunningService;
  let key = '';
  let otherKey = '';

  beforeAll(async () => {
    const log = createTestLogger();
    const db = await createDb({ dataDir: 'memory://', log });
    const bus = createMemoryBus({ log });
    fx = await createGatewayFixture({ db: { handle: db, own: true }, bus });
    service = await startService(createDonationsService(), { db, bus, log, outboxPollMs: 50 });
    await bus.request(
      importDonationsBulk,
      {
        depots: [
          {
            id: DEPOT,
            organisationId: ORG,
            name: 'depot',
            address: '익산시 약촌로 201',
            location: { lat: 35.95, lng: 126.97 },
            districtCode: 'D01',
            storageClasses: ['ambient'],
            capacityBoxes: {},
            active: true,
          },
        ],
      },
      system,
    );
    // Dispatch is not running here: a stand-in offers one slot tomorrow.
    await bus.serve([
      handle(listPickupSlots, () =>
        Promise.resolve({
          items: [
            {
              id: SLOT,
              date: day,
              window: {
                start: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
                end: new Date(tomorrow.getTime() + 2 * 3_600_000).toISOString(),
              },
              depotId: DEPOT,
              remaining: 4,
            },
          ],
        }),
      ),
    ]);
    key = (await fx.gateway.createApiKey({ organisationId: ORG, name: 'ERP' })).key;
    otherKey = (await fx.gateway.createApiKey({ organisationId: OTHER_ORG, name: 'other' })).key;
  }, 60_000);
  afterAll(async () => {
    await service.stop();
    await fx[Symbol.asyncDispose]();
  });

  const send = (
    method: string,
    path: string,
    options: { apiKey?: string; idempotencyKey?: string; body?: unknown } = {},
  ) =>
    fx.app.request(`/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.apiKey ?? key}`,
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  const donationCount = async () =>
    (
      await fx.dbHandle
        .forSchema<{ donations: { id: string } }>('donations')
        .selectFrom('donations')
        .select('id')
        .execute()
    ).length;

  it('should answer 400 to a mutation without an Idempotency-Key, with no effect', async () => {
    const before = await donationCount();
    const res = await send('POST', '/donations', { body: donation });
    expect(res.status).toBe(400);
    const bad = await send('POST', '/donations', { body: donation, idempotencyKey: 'short' });
    expect(bad.status).toBe(400);
    expect(await donationCount()).toBe(before);
  });

  it('should answer a retry with the same status and body, and 422 for the key with another body', async () => {
    const before = await donationCount();
    const idempotencyKey = `erp-order-${randomUUID()}`;
    const first = await send('POST', '/donations', { body: donation, idempotencyKey });
    const again = await send('POST', '/donations', { body: donation, idempotencyKey });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    const changed = await send('POST', '/donations', {
      body: { ...donation, note: 'another donation' },
      idempotencyKey,
    });
    expect(changed.status).toBe(422);
    const body = (await changed.json()) as { error: { code: string } };
    expect(body.error.code).toBe('UNPROCESSABLE_CONTENT');
    // Another partner's identical key is its own request.
    const theirs = await send('POST', '/donations', {
      apiKey: otherKey,
      body: donation,
      idempotencyKey,
    });
    expect(theirs.status).toBe(201);
    expect(await donationCount()).toBe(before + 2);
  });

  it('should show the status of a donation and book a pickup slot, for its own organisation only', async () => {
    const posted = (await (
      await send('POST', '/donations', { body: donation, idempotencyKey: `p-${randomUUID()}` })
    ).json()) as { id: string; status: string };
    expect(posted.status).toBe('offered');
    await fx.bus.request(acceptDonation, { donationId: posted.id }, system);
    const status = (await (await send('GET', `/donations/${posted.id}`)).json()) as {
      status: string;
      history: { status: string }[];
    };
    expect(status.status).toBe('accepted');
    expect(status.history.map((h) => h.status)).toEqual(['offered', 'accepted']);

    const slots = await send('GET', `/pickup-slots?from=${day}&to=${day}`);
    expect(((await slots.json()) as { items: { id: string }[] }).items.map((s) => s.id)).toEqual([
      SLOT,
    ]);

    const foreign = await send('POST', `/donations/${posted.id}/pickup`, {
      apiKey: otherKey,
      body: { pickupSlotId: SLOT },
      idempotencyKey: `b-${randomUUID()}`,
    });
    const missing = await send('POST', `/donations/${randomUUID()}/pickup`, {
      apiKey: otherKey,
      body: { pickupSlotId: SLOT },
      idempotencyKey: `b-${randomUUID()}`,
    });
    expect(foreign.status).toBe(403);
    expect(missing.status).toBe(403);
    expect(await foreign.text()).toBe(await missing.text());

    const noKey = await send('POST', `/donations/${posted.id}/pickup`, {
      body: { pickupSlotId: SLOT },
    });
    expect(noKey.status).toBe(400);
    const booked = await send('POST', `/donations/${posted.id}/pickup`, {
      body: { pickupSlotId: SLOT },
      idempotencyKey: `b-${randomUUID()}`,
    });
    expect(booked.status).toBe(200);
    expect(((await booked.json()) as { pickupSlotId: string }).pickupSlotId).toBe(SLOT);
  });

  it('should document the pickup routes, idempotency and 422 in the OpenAPI document', async () => {
    const doc = (await (await fx.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.paths['/pickup-slots']?.['get']).toBeDefined();
    expect(Object.keys(doc.paths['/donations/{id}/pickup']?.['post']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '404', '409', '422']),
    );
    expect(Object.keys(doc.paths['/donations']?.['post']?.responses ?? {})).toContain('422');
  });
});
