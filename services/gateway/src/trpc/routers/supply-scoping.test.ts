import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningService } from '@anbu/service-kit';
import { handle } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { importBulk, importDonationsBulk, listPickupSlots } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { createDonationsService } from '@anbu/donations';
import { createHouseholdsService } from '@anbu/households';
import { startService } from '@anbu/service-kit';

import type { Membership } from '../../auth/memberships.js';
import type { GatewayFixture, SignedIn } from '../../testing/gateway-fixture.js';
import { createGatewayFixture } from '../../testing/gateway-fixture.js';

const OFFICE = '00000000-0000-4000-8000-0000000000d1';
const ORG_A = '00000000-0000-4000-8000-0000000000d2';
const ORG_B = '00000000-0000-4000-8000-0000000000d3';
const POST = '00000000-0000-4000-8000-0000000000d4';
const DEPOT = '00000000-0000-4000-8000-0000000000d5';
const SLOT = '00000000-0000-4000-8000-0000000000d6';

interface Household {
  id: string;
  districtCode: string;
  version: number;
}
interface Donation {
  id: string;
  organisationId: string;
  status: string;
  pickupSlotId?: string;
}

const household = (districtCode: string) => ({
  name: '김순자',
  districtCode,
  type: 'elderly_alone',
  riskLevel: 'high',
  memberCount: 1,
  address: { road: '전북 익산시 인북로 10' },
  location: { lat: 35.95, lng: 126.96 },
  contact: { name: '김순자', phone: '010-1234-5678' },
  careNotes: '당뇨',
  consent: { scopes: ['delivery', 'sensitive_data'], givenOn: '2026-11-01', method: 'written' },
});

const tomorrow = new Date(Date.now() + 86_400_000);
const donation = {
  items: [{ category: 'instant_food', quantity: 20, unit: 'box', storageClass: 'ambient' }],
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
 * Object scoping of households and donations through the gateway, with the real households and
 * donations services behind it (PGlite and the in-process bus).
 */
describe('supply scoping through the gateway', () => {
  let fx: GatewayFixture;
  let services: RunningService[] = [];
  const users = new Map<string, SignedIn>();
  const as = (login: string) => users.get(login)?.cookie ?? '';
  let key = 0;

  const call = async <T>(
    path: string,
    login: string,
    input: unknown,
    mutation = false,
  ): Promise<{ status: number; data: T; body: unknown }> => {
    const res = await fx.trpc(path, {
      cookie: as(login),
      input,
      mutation,
      ...(mutation ? { headers: { 'idempotency-key': `scoping-${key++}-${randomUUID()}` } } : {}),
    });
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    return { status: res.status, data: body.result?.data as T, body };
  };

  beforeAll(async () => {
    const log = createTestLogger();
    const db = await createDb({ dataDir: 'memory://', log });
    const bus = createMemoryBus({ log });
    fx = await createGatewayFixture({ db: { handle: db, own: true }, bus });
    const options = { db, bus, log, outboxPollMs: 50 };
    services = [
      await startService(createHouseholdsService({ encryptionKey: randomBytes(32) }), options),
      await startService(createDonationsService(), options),
    ];
    // Dispatch is not running here: a stand-in offers one pickup slot tomorrow.
    await bus.serve([
      handle(listPickupSlots, () =>
        Promise.resolve({
          items: [
            {
              id: SLOT,
              date: tomorrow.toISOString().slice(0, 10),
              window: {
                start: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
                end: new Date(tomorrow.getTime() + 2 * 3_600_000).toISOString(),
              },
              depotId: DEPOT,
              remaining: 5,
            },
          ],
        }),
      ),
    ]);

    const people: [string, Membership][] = [
      ['cw-a', { role: 'caseworker', organisationId: OFFICE, districtCodes: ['D01'] }],
      ['cw-b', { role: 'caseworker', organisationId: OFFICE, districtCodes: ['D09'] }],
      ['dispatcher', { role: 'dispatcher', organisationId: OFFICE, districtCodes: [] }],
      ['partner-a', { role: 'partner', organisationId: ORG_A, districtCodes: [] }],
      ['partner-b', { role: 'partner', organisationId: ORG_B, districtCodes: [] }],
      [
        'carrier',
        { role: 'carrier', organisationId: POST, districtCodes: [], carrierId: randomUUID() },
      ],
    ];
    const memberships = [];
    for (const [login, membership] of people) {
      const user = await fx.addUser(login, [membership]);
      memberships.push({ id: randomUUID(), userId: user.id, ...membership });
    }
    // The households service answers memberships too: it holds the same ones.
    const system = { actor: { kind: 'system' as const, id: 'system', districtCodes: [] } };
    await bus.request(
      importBulk,
      {
        organisations: [OFFICE, ORG_A, ORG_B, POST].map((id) => ({
          id,
          name: `org ${id.slice(-2)}`,
          kind: 'welfare_office' as const,
          districtCodes: [],
        })),
        districts: ['D01', 'D09'].map((code) => ({ code, nameKo: code, nameEn: code })),
        memberships: memberships.map(({ carrierId: _carrier, ...m }) => m),
      },
      system,
    );
    await bus.request(
      importDonationsBulk,
      {
        depots: [
          {
            id: DEPOT,
            organisationId: OFFICE,
            name: 'depot',
            address: '익산시 약촌로 201',
            location: { lat: 35.95, lng: 126.97 },
            districtCode: 'D01',
            storageClasses: ['ambient', 'chilled'],
            capacityBoxes: {},
            active: true,
          },
        ],
      },
      system,
    );
    for (const [login] of people) users.set(login, await fx.signIn(login));
  }, 60_000);
  afterAll(async () => {
    for (const service of services) await service.stop();
    await fx[Symbol.asyncDispose]();
  });

  it('should keep a caseworker to households of their districts, in lists and reads', async () => {
    const a = await call<Household>('households.register', 'cw-a', household('D01'), true);
    expect(a.status).toBe(200);
    const b = await call<Household>('households.register', 'cw-b', household('D09'), true);
    expect(b.status).toBe(200);
    const elsewhere = await call('households.register', 'cw-a', household('D09'), true);
    expect(elsewhere.status).toBe(403);

    const list = await call<{ items: Household[] }>('households.list', 'cw-a', {});
    expect(list.data.items.map((h) => h.districtCode)).toEqual(['D01']);
    const asked = await call<{ items: Household[] }>('households.list', 'cw-a', {
      districtCodes: ['D09'],
    });
    expect(asked.data.items).toEqual([]);

    expect((await call('households.get', 'cw-a', { householdId: a.data.id })).status).toBe(200);
    const foreign = await call('households.get', 'cw-a', { householdId: b.data.id });
    const missing = await call('households.get', 'cw-a', { householdId: randomUUID() });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual(missing.body);
    expect(JSON.stringify(foreign.body)).not.toContain('김순자');

    // Nor may they change another district's household: nothing changes.
    const update = await call(
      'households.update',
      'cw-a',
      { householdId: b.data.id, expectedVersion: 1, changes: { memberCount: 3 } },
      true,
    );
    expect(update.status).toBe(403);
    const consent = await call(
      'households.recordConsent',
      'cw-a',
      { householdId: b.data.id, scopes: ['delivery'], givenOn: '2026-11-01', method: 'verbal' },
      true,
    );
    expect(consent.status).toBe(403);
    const need = await call(
      'households.fileNeed',
      'cw-a',
      {
        householdId: b.data.id,
        category: 'bedding',
        quantity: 1,
        unit: 'piece',
        deadline: '2026-12-20',
      },
      true,
    );
    expect(need.status).toBe(403);
    const still = await call<Household>('households.get', 'cw-b', { householdId: b.data.id });
    expect(still.data.version).toBe(1);
    const needs = await call<{ items: unknown[] }>('households.needs', 'cw-b', {
      householdId: b.data.id,
    });
    expect(needs.data.items).toEqual([]);
  });

  it('should not let partners or carriers read households at all (403)', async () => {
    const own = await call<{ items: Household[] }>('households.list', 'cw-a', {});
    const id = own.data.items[0]?.id ?? randomUUID();
    for (const login of ['partner-a', 'carrier']) {
      expect((await call('households.list', login, { districtCodes: ['D01'] })).status).toBe(403);
      expect((await call('households.get', login, { householdId: id })).status).toBe(403);
      expect((await call('households.needs', login, {})).status).toBe(403);
      expect((await call('households.consents', login, { householdId: id })).status).toBe(403);
      expect((await call('households.register', login, household('D01'), true)).status).toBe(403);
    }
  });

  it("should not let a partner read or change another organisation's donations", async () => {
    const posted = await call<Donation>('donations.post', 'partner-a', donation, true);
    expect(posted.status).toBe(200);
    expect(posted.data.organisationId).toBe(ORG_A);
    const id = posted.data.id;

    const foreign = await call('donations.get', 'partner-b', { donationId: id });
    const missing = await call('donations.get', 'partner-b', { donationId: randomUUID() });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual(missing.body);
    const list = await call<{ items: Donation[] }>('donations.list', 'partner-b', {
      organisationId: ORG_A,
    });
    expect(list.data.items.map((d) => d.id)).not.toContain(id);

    // Changing it: a partner may not accept or reject at all, nor book another's pickup.
    expect((await call('donations.accept', 'partner-b', { donationId: id }, true)).status).toBe(
      403,
    );
    expect(
      (await call('donations.reject', 'partner-a', { donationId: id, reason: 'x' }, true)).status,
    ).toBe(403);
    const accepted = await call<Donation>(
      'donations.accept',
      'dispatcher',
      { donationId: id },
      true,
    );
    expect(accepted.data.status).toBe('accepted');
    const stolen = await call(
      'donations.bookPickup',
      'partner-b',
      { donationId: id, pickupSlotId: SLOT },
      true,
    );
    expect(stolen.status).toBe(403);
    const unchanged = await call<Donation>('donations.get', 'partner-a', { donationId: id });
    expect(unchanged.data.pickupSlotId).toBeUndefined();

    const slots = await call<{ items: { id: string }[] }>('donations.pickupSlots', 'partner-a', {
      from: tomorrow.toISOString().slice(0, 10),
      to: tomorrow.toISOString().slice(0, 10),
    });
    expect(slots.data.items.map((s) => s.id)).toEqual([SLOT]);
    const booked = await call<Donation>(
      'donations.bookPickup',
      'partner-a',
      { donationId: id, pickupSlotId: SLOT },
      true,
    );
    expect(booked.status).toBe(200);
    expect(booked.data.pickupSlotId).toBe(SLOT);
  });

  it("should reject an imported row outside the caseworker's districts, importing nothing", async () => {
    const csv = [
      'name,districtCode,type,riskLevel,memberCount,address,lat,lng,phone',
      'Kim,D01,elderly_alone,low,1,Road 1,35.9,126.9,010-1111-2222',
      'Lee,D09,elderly_alone,low,1,Road 2,35.9,126.9,010-1111-2222',
    ].join('\n');
    const before = await call<{ items: Household[] }>('households.list', 'cw-a', {});
    const report = await call<{ status: string; rejected: { row: number; field: string }[] }>(
      'households.importFile',
      'cw-a',
      { kind: 'households', format: 'csv', contentBase64: Buffer.from(csv).toString('base64') },
      true,
    );
    expect(report.status).toBe(200);
    expect(report.data.status).toBe('rejected');
    expect(report.data.rejected).toEqual([
      expect.objectContaining({ row: 3, field: 'districtCode' }),
    ]);
    const after = await call<{ items: Household[] }>('households.list', 'cw-a', {});
    expect(after.data.items).toHaveLength(before.data.items.length);
  });
});
