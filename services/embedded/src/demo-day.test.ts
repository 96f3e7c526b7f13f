import { describe, expect, it } from 'vitest';

import { deliveryOrderSchema, shiftSchema } from '@anbu/contracts';
import { createDemoCity, DEFAULT_DEMO_SEED } from '@anbu/demo-city';

import { buildDemoDay, DEMO_DAY_GROUPS } from './demo-day.js';

describe('buildDemoDay', () => {
  const city = createDemoCity({ seed: DEFAULT_DEMO_SEED });
  const now = '2026-11-25T06:00:00.000Z';
  const day = buildDemoDay(city, { date: '2026-11-26', now });

  it('should give each of the 40 carriers a shift that day at their usual hours (KST)', () => {
    expect(day.shifts).toHaveLength(40);
    for (const shift of day.shifts) {
      expect(shiftSchema.parse(shift)).toEqual(shift);
      const carrier = city.carriers.find((c) => c.id === shift.carrierId);
      expect(shift.window.start).toBe(`2026-11-26T${carrier?.shift.start ?? ''}:00+09:00`);
    }
  });

  it("should order only for consenting households enrolled in the day's programs", () => {
    expect(day.orders.length).toBeGreaterThan(500);
    const households = new Map(city.households.map((h) => [h.id, h]));
    for (const order of day.orders) {
      expect(deliveryOrderSchema.parse(order)).toEqual(order);
      const household = households.get(order.householdId ?? '');
      expect(household?.consent).not.toBeNull();
      expect(order).toMatchObject({ status: 'open', deliverBy: '2026-11-26' });
    }
  });

  it('should be the same day when built again, and cover every household over a cycle', () => {
    expect(buildDemoDay(city, { date: '2026-11-26', now })).toEqual(day);
    const served = new Set<string>();
    for (let d = 0; d < DEMO_DAY_GROUPS; d++) {
      const date = `2026-12-0${d + 1}`;
      for (const o of buildDemoDay(city, { date, now }).orders) served.add(o.householdId ?? '');
    }
    const enrolled = city.households.filter((h) => h.consent && h.programIds.length > 0);
    expect(served.size).toBeGreaterThan(enrolled.length * 0.9);
  });
});
