import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { handle } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import {
  getPublishedPlan,
  listAllocations,
  listCarriers,
  listDonations,
  listLots,
  listOrders,
} from '@anbu/contracts/rpc';
import { createTestLogger } from '@anbu/db/testing';

import type { GatewayFixture } from '../../testing/gateway-fixture.js';
import { createGatewayFixture } from '../../testing/gateway-fixture.js';

const OURS = '00000000-0000-4000-8000-00000000a001';
const THEIRS = '00000000-0000-4000-8000-00000000a002';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const DATE = '2026-11-26';
const AT = '2026-11-26T09:00:00+09:00';
const HOUSEHOLD_SERVED = id(901);
const HOUSEHOLD_OTHER = id(902);
const HOUSEHOLD_POINT = { lat: 35.9412, lng: 126.9577 };

const donation = (n: number, organisationId: string) => ({
  id: id(n),
  organisationId,
  status: 'accepted',
  items: [{ category: 'instant_food', quantity: 20, unit: 'box', storageClass: 'ambient' }],
  pickup: {
    placeName: `hall ${n}`,
    address: '익산시 중앙로 1',
    location: { lat: 35.95, lng: 126.96 },
    window: { start: AT, end: '2026-11-26T12:00:00+09:00' },
  },
  history: [{ status: 'offered', at: AT, by: { kind: 'user', id: 'u' } }],
  createdAt: AT,
  updatedAt: AT,
});

const lot = (n: number, organisationId: string) => ({
  id: id(n),
  depotId: id(500),
  organisationId,
  category: 'instant_food',
  unit: 'box',
  storageClass: 'ambient',
  quantityReceived: 10,
  quantityAvailable: 8,
  quantityAllocated: 2,
  quantityDelivered: 0,
  quantityWrittenOff: 0,
  status: 'in_stock',
  receivedAt: AT,
});

const stop = (n: number, order: number, extra: Record<string, unknown>) => ({
  id: id(n),
  routeId: id(600),
  orderId: id(order),
  sequence: n % 100,
  eta: AT,
  serviceSeconds: 300,
  status: 'planned',
  locked: false,
  updatedAt: AT,
  ...extra,
});

const OUR_VOLUNTEER = id(801);
const route = (n: number, stops: unknown[], carrierId = id(800)) => ({
  id: id(n),
  planId: id(700),
  date: DATE,
  carrierId,
  startDepotId: id(500),
  stops,
  load: { boxes: 2, kg: 4 },
  distanceMeters: 1000,
  durationSeconds: 600,
});

const order = (n: number, kind: string, districtCode: string, extra: Record<string, unknown>) => ({
  id: id(n),
  kind,
  districtCode,
  deliverBy: DATE,
  status: 'published',
  createdAt: AT,
  ...extra,
});

/**
 * `dispatch.partnerMap` against stub services: the partner sees its own pickups and the routes
 * carrying its goods, with 읍면동 codes and never a household's id or point.
 */
describe('dispatch.partnerMap', () => {
  let fx: GatewayFixture;
  let cookie = '';

  beforeAll(async () => {
    const bus = createMemoryBus({ log: createTestLogger() });
    fx = await createGatewayFixture({ bus });
    await bus.serve([
      handle(listDonations, () =>
        Promise.resolve(
          listDonations.output.parse({ items: [donation(1, OURS), donation(2, THEIRS)] }),
        ),
      ),
      handle(listLots, () =>
        Promise.resolve(listLots.output.parse({ items: [lot(11, OURS), lot(12, THEIRS)] })),
      ),
      handle(listAllocations, (input) =>
        Promise.resolve(
          listAllocations.output.parse({
            items: [
              {
                id: id(20 + Number(input.lotId === id(12))),
                runId: id(30),
                needId: id(31),
                householdId: input.lotId === id(11) ? HOUSEHOLD_SERVED : HOUSEHOLD_OTHER,
                source: { kind: 'lot', lotId: input.lotId ?? id(11), depotId: id(500) },
                quantity: 2,
                status: 'ordered',
                reasons: [],
                createdAt: AT,
              },
            ],
          }),
        ),
      ),
      handle(listCarriers, () =>
        Promise.resolve(
          listCarriers.output.parse({
            items: [800, 801].map((n) => ({
              id: id(n),
              organisationId: n === 801 ? OURS : THEIRS,
              name: n === 801 ? '봉사자 김하나' : '집배원 이둘',
              kind: n === 801 ? 'car' : 'postal_motorbike',
              capacity: { boxes: 10, kg: 50 },
              homeDepotId: id(500),
              skills: [],
              active: true,
            })),
          }),
        ),
      ),
      handle(listOrders, (input) =>
        Promise.resolve(
          listOrders.output.parse({
            items: input.kinds?.includes('pickup')
              ? [order(41, 'pickup', '5214057000', { donationId: id(1) })]
              : [
                  order(41, 'pickup', '5214057000', { donationId: id(1) }),
                  order(42, 'delivery', '5214025000', { householdId: HOUSEHOLD_SERVED }),
                  order(43, 'delivery', '5214031000', { householdId: HOUSEHOLD_OTHER }),
                  order(44, 'delivery', '5214033000', { householdId: HOUSEHOLD_OTHER }),
                ],
          }),
        ),
      ),
      handle(getPublishedPlan, () =>
        Promise.resolve(
          getPublishedPlan.output.parse({
            plan: {
              id: id(700),
              runId: id(701),
              date: DATE,
              status: 'published',
              routes: [
                route(600, [
                  stop(1, 41, { kind: 'pickup', location: { lat: 35.95, lng: 126.96 } }),
                  stop(2, 42, {
                    kind: 'delivery',
                    householdId: HOUSEHOLD_SERVED,
                    location: HOUSEHOLD_POINT,
                  }),
                ]),
                route(601, [
                  stop(3, 43, {
                    kind: 'delivery',
                    householdId: HOUSEHOLD_OTHER,
                    location: HOUSEHOLD_POINT,
                  }),
                ]),
                // Our own volunteer's route: shown although it carries none of our goods.
                route(
                  602,
                  [
                    stop(4, 44, {
                      kind: 'delivery',
                      householdId: HOUSEHOLD_OTHER,
                      location: HOUSEHOLD_POINT,
                    }),
                  ],
                  OUR_VOLUNTEER,
                ),
              ],
              unassigned: [],
              totalDistanceMeters: 2000,
              totalDurationSeconds: 1200,
              version: 2,
              createdAt: AT,
            },
          }),
        ),
      ),
    ]);
    await fx.addUser('partner@map', [{ role: 'partner', organisationId: OURS, districtCodes: [] }]);
    cookie = (await fx.signIn('partner@map')).cookie;
  });
  afterAll(() => fx[Symbol.asyncDispose]());

  it("should show its pickups, the routes carrying its goods and its own volunteers' routes, by 읍면동", async () => {
    const res = await fx.trpc('dispatch.partnerMap', { input: { date: DATE }, cookie });
    const text = await res.text();
    expect(res.status).toBe(200);
    const body = JSON.parse(text) as {
      result: {
        data: {
          pickups: { donationId: string }[];
          routes: {
            routeId: string;
            districts: string[];
            ours: { kind: string }[];
            ownCarrier?: { name: string };
          }[];
        };
      };
    };
    const { pickups, routes } = body.result.data;
    expect(pickups.map((p) => p.donationId)).toEqual([id(1)]);
    expect(routes.map((r) => r.routeId)).toEqual([id(600), id(602)]);
    expect(routes[0]).toMatchObject({
      routeId: id(600),
      districts: ['5214057000', '5214025000'],
      ours: [{ kind: 'pickup' }, { kind: 'delivery' }],
    });
    expect(routes[0]?.ownCarrier).toBeUndefined();
    expect(routes[1]).toEqual({
      routeId: id(602),
      stopCount: 1,
      districts: ['5214033000'],
      ours: [{ kind: 'delivery', districtCode: '5214033000', sequence: 4, status: 'planned' }],
      ownCarrier: { name: '봉사자 김하나' },
    });
    // Never a household: no id, and no point of a delivery.
    for (const secret of [HOUSEHOLD_SERVED, HOUSEHOLD_OTHER, String(HOUSEHOLD_POINT.lat)]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(THEIRS);
    expect(text).not.toContain('집배원 이둘');
  });
});
