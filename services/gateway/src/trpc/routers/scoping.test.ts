import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor, Household } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { householdSchema } from '@anbu/contracts';
import { getHousehold, getMyRoute, listHouseholds, updateStop } from '@anbu/contracts/rpc';

import type { GatewayFixture, SignedIn } from '../../testing/gateway-fixture.js';
import { createGatewayFixture } from '../../testing/gateway-fixture.js';

const OFFICE = '00000000-0000-4000-8000-0000000000b1';
const POST_OFFICE = '00000000-0000-4000-8000-0000000000b2';
const CARRIER = '00000000-0000-4000-8000-0000000000c1';
const OTHER_CARRIER = '00000000-0000-4000-8000-0000000000c2';
// Fixed clock: 2026-11-25 23:30 in Seoul (14:30 UTC), so "today" is 2026-11-25 there.
const NOW = new Date('2026-11-25T14:30:00Z');

function household(districtCode: string): Household {
  return householdSchema.parse({
    id: crypto.randomUUID(),
    organisationId: OFFICE,
    name: '김순자',
    districtCode,
    type: 'elderly_alone',
    riskLevel: 'high',
    memberCount: 1,
    address: { road: '전북 익산시 인북로 10' },
    location: { lat: 35.95, lng: 126.96 },
    contact: { name: '김순자', phone: '010-1234-5678' },
    careNotes: '당뇨',
    status: 'active',
    createdAt: '2026-11-25T09:00:00+09:00',
    updatedAt: '2026-11-25T09:00:00+09:00',
    version: 1,
  });
}

function route(options: { carrierId: string; date: string; householdId: string }) {
  const stopId = crypto.randomUUID();
  const routeId = crypto.randomUUID();
  return {
    stopId,
    route: {
      id: routeId,
      planId: crypto.randomUUID(),
      date: options.date,
      carrierId: options.carrierId,
      startDepotId: crypto.randomUUID(),
      stops: [
        {
          id: stopId,
          routeId,
          orderId: crypto.randomUUID(),
          kind: 'delivery' as const,
          householdId: options.householdId,
          sequence: 0,
          eta: '2026-11-25T10:00:00+09:00',
          serviceSeconds: 120,
          status: 'planned' as const,
          locked: false,
          updatedAt: '2026-11-25T09:00:00+09:00',
          recipient: {
            householdId: options.householdId,
            name: '김순자',
            address: { road: '전북 익산시 인북로 10' },
          },
        },
      ],
      load: { boxes: 1, kg: 2, chilledBoxes: 0 },
      distanceMeters: 1000,
      durationSeconds: 600,
      geometry: [],
    },
  };
}

describe('object scoping of procedures', () => {
  let fx: GatewayFixture;
  let caseworker: SignedIn;
  let manager: SignedIn;
  let carrier: SignedIn;
  const inD01 = household('D01');
  const inD09 = household('D09');
  const today = route({ carrierId: CARRIER, date: '2026-11-25', householdId: inD01.id });
  const listCalls: { districtCodes: string[]; actor: Actor }[] = [];
  const updated: string[] = [];
  let routeAnswer: unknown = today.route;

  beforeAll(async () => {
    fx = await createGatewayFixture({ now: () => NOW });
    await fx.bus.serve([
      handle(getHousehold, ({ householdId }) => {
        const found = [inD01, inD09].find((h) => h.id === householdId);
        if (!found) throw new RpcError('NOT_FOUND', `household ${householdId} does not exist`);
        return Promise.resolve(found);
      }),
      handle(listHouseholds, (input, { actor }) => {
        listCalls.push({ districtCodes: input.districtCodes, actor });
        // A careless service that ignores the filter: the gateway must still not leak.
        return Promise.resolve({ items: [inD01, inD09] });
      }),
      handle(getMyRoute, ({ date }, { actor }) =>
        Promise.resolve({
          route:
            actor.carrierId === CARRIER && date === '2026-11-25'
              ? (routeAnswer as typeof today.route)
              : undefined,
        }),
      ),
      handle(updateStop, (input, { actor }) => {
        // Dispatch's rule: a carrier reports only a stop of their own route of today; any
        // other stop answers like a missing one.
        if (actor.carrierId !== CARRIER || input.stopId !== today.stopId) {
          throw new RpcError('NOT_FOUND', `stop ${input.stopId} not found`);
        }
        updated.push(input.stopId);
        const answered = routeAnswer as typeof today.route;
        return Promise.resolve({
          stop: { ...answered.stops[0]!, status: input.status },
          route: answered,
        });
      }),
    ]);
    await fx.addUser('cw@demo', [
      { role: 'caseworker', organisationId: OFFICE, districtCodes: ['D01', 'D02'] },
    ]);
    await fx.addUser('pm@demo', [
      { role: 'program_manager', organisationId: OFFICE, districtCodes: [] },
    ]);
    await fx.addUser('carrier@demo', [
      { role: 'carrier', organisationId: POST_OFFICE, districtCodes: [], carrierId: CARRIER },
    ]);
    caseworker = await fx.signIn('cw@demo');
    manager = await fx.signIn('pm@demo');
    carrier = await fx.signIn('carrier@demo');
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  const auditRows = () =>
    fx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action', 'subject_id', 'ip', 'role'])
      .execute();

  it('should give a caseworker a household of their district and audit the read', async () => {
    const before = (await auditRows()).length;
    const res = await fx.trpc('households.get', {
      cookie: caseworker.cookie,
      input: { householdId: inD01.id },
      ip: '198.51.100.7',
    });
    expect(res.status).toBe(200);
    const rows = await auditRows();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toEqual({
      actor_id: caseworker.userId,
      action: 'households.get',
      subject_id: inD01.id,
      ip: '198.51.100.7',
      role: 'caseworker',
    });
  });

  it('should answer another district exactly like a missing household (403), and audit nothing', async () => {
    const before = (await auditRows()).length;
    const foreign = await fx.trpc('households.get', {
      cookie: caseworker.cookie,
      input: { householdId: inD09.id },
    });
    const missing = await fx.trpc('households.get', {
      cookie: caseworker.cookie,
      input: { householdId: crypto.randomUUID() },
    });
    expect(foreign.status).toBe(403);
    expect(missing.status).toBe(403);
    expect(await foreign.text()).toBe(await missing.text());
    expect((await auditRows()).length).toBe(before);
  });

  it('should refuse a household read to a role without it (403)', async () => {
    const res = await fx.trpc('households.get', {
      cookie: manager.cookie,
      input: { householdId: inD01.id },
    });
    expect(res.status).toBe(403);
  });

  it("should narrow a caseworker's list to their districts, even if the service does not", async () => {
    const res = await fx.trpc('households.list', {
      cookie: caseworker.cookie,
      input: { districtCodes: ['D01', 'D09'] },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { items: { id: string }[] } } };
    expect(body.result.data.items.map((h) => h.id)).toEqual([inD01.id]);
    expect(listCalls.at(-1)?.districtCodes).toEqual(['D01']);
    expect(listCalls.at(-1)?.actor).toMatchObject({ kind: 'user', role: 'caseworker' });
  });

  it('should give a carrier their route of today with recipients, auditing each', async () => {
    const res = await fx.trpc('dispatch.myRoute', { cookie: carrier.cookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { route: { stops: unknown[] } } } };
    expect(body.result.data.route.stops).toHaveLength(1);
    const rows = await auditRows();
    expect(rows.at(-1)).toMatchObject({ action: 'dispatch.myRoute', subject_id: inD01.id });
  });

  it('should hide a route the service wrongly answers for another carrier', async () => {
    routeAnswer = route({
      carrierId: OTHER_CARRIER,
      date: '2026-11-25',
      householdId: inD09.id,
    }).route;
    try {
      const res = await fx.trpc('dispatch.myRoute', { cookie: carrier.cookie });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('인북로');
    } finally {
      routeAnswer = today.route;
    }
  });

  it('should let a carrier update only a stop of their route of today', async () => {
    const at = '2026-11-25T23:20:00+09:00';
    const own = await fx.trpc('dispatch.updateStop', {
      mutation: true,
      cookie: carrier.cookie,
      input: { stopId: today.stopId, status: 'delivered', at },
    });
    expect(own.status).toBe(200);
    const other = await fx.trpc('dispatch.updateStop', {
      mutation: true,
      cookie: carrier.cookie,
      input: { stopId: crypto.randomUUID(), status: 'delivered', at },
    });
    expect(other.status).toBe(403);
    expect(updated).toEqual([today.stopId]);
  });

  it('should hide a stop update the service wrongly answers for another carrier', async () => {
    routeAnswer = route({
      carrierId: OTHER_CARRIER,
      date: '2026-11-25',
      householdId: inD09.id,
    }).route;
    try {
      const res = await fx.trpc('dispatch.updateStop', {
        mutation: true,
        cookie: carrier.cookie,
        input: { stopId: today.stopId, status: 'arrived', at: '2026-11-25T23:25:00+09:00' },
      });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('인북로');
    } finally {
      routeAnswer = today.route;
    }
  });

  it('should refuse UPDATE and DELETE on the audit log', async () => {
    await expect(fx.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(fx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
