import { describe, expect, it } from 'vitest';

import type { Carrier, DeliveryOrder, Shift } from '@anbu/contracts';

import { buildPlanningInput, orderAmount } from './planning-input.js';

const depotId = '22222222-2222-4222-8222-222222222222';
const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

const carrier = (n: number, overrides: Partial<Carrier> = {}): Carrier => ({
  id: id(100 + n),
  organisationId: id(1),
  name: `carrier ${n}`,
  kind: 'van',
  capacity: { boxes: 20, kg: 100, chilledBoxes: 0 },
  homeDepotId: depotId,
  skills: [],
  active: true,
  ...overrides,
});

const shift = (n: number, start: string, end: string): Shift => ({
  id: id(200 + n),
  carrierId: id(100 + n),
  date: '2026-12-01',
  window: { start, end },
  startDepotId: depotId,
  cancelled: false,
});

const order = (n: number, overrides: Partial<DeliveryOrder> = {}): DeliveryOrder => ({
  id: id(300 + n),
  kind: 'delivery',
  householdId: id(400 + n),
  districtCode: 'd1',
  needIds: [],
  allocationIds: [],
  items: [{ category: 'meal_box', quantity: 2, unit: 'box' }],
  storageClass: 'ambient',
  deliverBy: '2026-12-01',
  priority: 0,
  status: 'open',
  attempts: 0,
  createdAt: '2026-11-30T00:00:00.000Z',
  ...overrides,
});

describe('buildPlanningInput', () => {
  const base = {
    locations: new Map([
      [id(400), { lat: 35.95, lng: 126.95 }],
      [id(401), { lat: 35.96, lng: 126.96 }],
    ]),
    depots: new Map([[depotId, { lat: 35.948, lng: 126.957 }]]),
    vehicles: new Map(),
  };

  it('should make one vehicle per shift, with times relative to the earliest shift start', () => {
    const input = buildPlanningInput({
      ...base,
      orders: [
        order(0, {
          window: { start: '2026-12-01T02:00:00.000Z', end: '2026-12-01T03:00:00.000Z' },
        }),
      ],
      carriers: [carrier(0), carrier(1)],
      shifts: [
        shift(0, '2026-12-01T00:00:00.000Z', '2026-12-01T08:00:00.000Z'),
        shift(1, '2026-12-01T01:00:00.000Z', '2026-12-01T05:00:00.000Z'),
      ],
    });
    expect(input.origin).toBe('2026-12-01T00:00:00.000Z');
    expect(input.problem.vehicles?.map((v) => v.timeWindow)).toEqual([
      [0, 8 * 3600],
      [3600, 5 * 3600],
    ]);
    expect(input.problem.jobs?.[0]?.timeWindows).toEqual([[2 * 3600, 3 * 3600]]);
    expect(input.vehicles.map((v) => v.carrierId)).toEqual([id(100), id(101)]);
  });

  it('should skip carriers without a shift and say so, and give reasons for orders it cannot place', () => {
    const input = buildPlanningInput({
      ...base,
      orders: [order(0), order(1, { kind: 'pickup' }), order(2)],
      carriers: [carrier(0), carrier(1)],
      shifts: [shift(0, '2026-12-01T00:00:00.000Z', '2026-12-01T08:00:00.000Z')],
    });
    expect(input.notes).toEqual([expect.stringContaining(id(101)) as unknown]);
    expect(input.jobs.map((j) => j.orderId)).toEqual([id(300)]);
    expect(input.unassigned.map((u) => [u.orderId, u.reason])).toEqual([
      [id(301), 'not_supported'],
      [id(302), 'no_location'],
    ]);
  });

  it('should require the chilled skill for chilled orders and grant it to refrigerated carriers', () => {
    const input = buildPlanningInput({
      ...base,
      orders: [order(0, { storageClass: 'chilled' })],
      carriers: [carrier(0, { skills: ['chilled'] }), carrier(1)],
      shifts: [
        shift(0, '2026-12-01T00:00:00.000Z', '2026-12-01T08:00:00.000Z'),
        shift(1, '2026-12-01T00:00:00.000Z', '2026-12-01T08:00:00.000Z'),
      ],
    });
    expect(input.problem.jobs?.[0]?.skills).toEqual([0]);
    expect(input.problem.vehicles?.map((v) => v.skills)).toEqual([[0], []]);
  });

  it('should leave a welfare visit to carriers trained for welfare checks', () => {
    const input = buildPlanningInput({
      ...base,
      orders: [order(0, { kind: 'visit', items: [] }), order(1)],
      carriers: [carrier(0, { skills: ['welfare_check'] }), carrier(1)],
      shifts: [
        shift(0, '2026-12-01T00:00:00.000Z', '2026-12-01T08:00:00.000Z'),
        shift(1, '2026-12-01T00:00:00.000Z', '2026-12-01T08:00:00.000Z'),
      ],
    });
    expect(input.problem.jobs?.map((j) => j.skills)).toEqual([[2], []]);
    expect(input.problem.vehicles?.map((v) => v.skills)).toEqual([[2], []]);
  });
});

describe('orderAmount', () => {
  it('should count boxes, weight and chilled boxes, and nothing for a visit', () => {
    expect(orderAmount(order(0))).toEqual([2, 0, 0]);
    expect(
      orderAmount(
        order(0, {
          storageClass: 'frozen',
          items: [{ category: 'meal_box', quantity: 3, unit: 'box', weightKg: 4 }],
        }),
      ),
    ).toEqual([3, 4, 3]);
    expect(orderAmount(order(0, { kind: 'visit' }))).toEqual([0, 0, 0]);
  });
});
