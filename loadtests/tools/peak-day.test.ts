import { describe, expect, it } from 'vitest';

import { createDemoCity } from '@anbu/demo-city';

import { growFleet, shareCarriers } from './peak-day.ts';

describe('shareCarriers', () => {
  const districts = [
    { code: 'a', orders: 600 },
    { code: 'b', orders: 300 },
    { code: 'c', orders: 90 },
    { code: 'd', orders: 10 },
  ];

  it('should share every carrier out, at least one to each district, in proportion to its orders', () => {
    const share = shareCarriers(districts, 20);
    expect([...share.values()].reduce((a, n) => a + n, 0)).toBe(20);
    expect(share.get('a')).toBe(11);
    expect(share.get('b')).toBe(6);
    expect(share.get('d')).toBeGreaterThanOrEqual(1);
    expect((share.get('a') ?? 0) > (share.get('c') ?? 0)).toBe(true);
  });

  it('should leave districts without a carrier only when there are fewer carriers than districts', () => {
    const share = shareCarriers(districts, 3);
    expect([...share.values()].reduce((a, n) => a + n, 0)).toBe(3);
    expect(share.get('d')).toBe(0);
  });
});

describe('growFleet', () => {
  it('should grow the city fleet with copies of their own ids, the same for the same count', () => {
    const city = createDemoCity({ seed: 'iksan-2026', householdCount: 200 });
    const fleet = growFleet(city, 100);
    expect(fleet).toHaveLength(100);
    expect(new Set(fleet.map((c) => c.id)).size).toBe(100);
    expect(new Set(fleet.map((c) => c.vehicle.id)).size).toBe(100);
    expect(growFleet(city, 60).map((c) => c.id)).toEqual(fleet.slice(0, 60).map((c) => c.id));
  });
});
