import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { KitchenDay, MatchingProfile, OpenNeed, PlanInput, StockLot } from './plan-inputs.js';
import { planAllocation } from './plan-allocation.js';

const TODAY = '2026-11-25';
const DATES = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-28', '2026-12-05'];
const DEPOTS = new Map([
  ['p1', { lat: 35.95, lng: 126.96 }],
  ['p2', { lat: 35.9, lng: 127.0 }],
]);
const LINES = [
  { category: 'rice_grain', unit: 'bag' },
  { category: 'dairy', unit: 'pack' },
  { category: 'meal_box', unit: 'box' },
] as const;

const profile = (householdId: string, i: number): MatchingProfile => ({
  householdId,
  districtCode: `D${String(i % 3)}`,
  type: (['elderly_alone', 'multi_child', 'disability'] as const)[i % 3] ?? 'elderly_alone',
  riskLevel: (['low', 'medium', 'high', 'critical'] as const)[i % 4] ?? 'low',
  memberCount: 1 + (i % 4),
  dietaryTags: i % 5 === 0 ? ['soft_food'] : [],
  allergens: i % 7 === 0 ? ['milk'] : [],
  location: { lat: 35.9 + (i % 10) / 100, lng: 126.9 + (i % 7) / 100 },
});

const inputArbitrary = fc
  .record({
    needs: fc.array(
      fc.record({
        line: fc.constantFrom(...LINES),
        quantity: fc.integer({ min: 1, max: 6 }),
        deadline: fc.constantFrom(...DATES),
        priority: fc.integer({ min: 0, max: 100 }),
        storage: fc.constantFrom(undefined, 'chilled', 'ambient'),
        profiled: fc.boolean(),
      }),
      { maxLength: 25 },
    ),
    lots: fc.array(
      fc.record({
        line: fc.constantFrom(...LINES),
        quantity: fc.integer({ min: 0, max: 8 }),
        expiresOn: fc.constantFrom(undefined, ...DATES),
        storage: fc.constantFrom('chilled', 'ambient', 'frozen'),
        depot: fc.constantFrom('p1', 'p2', 'unknown'),
        onlyChildren: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
    kitchens: fc.array(
      fc.record({ date: fc.constantFrom(...DATES), boxes: fc.integer({ min: 0, max: 6 }) }),
      { maxLength: 4 },
    ),
  })
  .map(({ needs, lots, kitchens }): PlanInput => {
    const profiles = new Map<string, MatchingProfile>();
    const openNeeds: OpenNeed[] = needs.map((n, i) => {
      const householdId = `h${String(i)}`;
      if (n.profiled || i === 0) profiles.set(householdId, profile(householdId, i));
      return {
        needId: `n${String(i)}`,
        householdId,
        districtCode: `D${String(i % 3)}`,
        category: n.line.category,
        unit: n.line.unit,
        quantity: n.quantity,
        storageClass: n.storage,
        deadline: n.deadline,
        priority: n.priority,
        filedOn: '2026-11-20',
      };
    });
    const stock: StockLot[] = lots.map((l, i) => ({
      lotId: `l${String(i)}`,
      depotId: l.depot,
      category: l.line.category,
      unit: l.line.unit,
      quantity: l.quantity,
      storageClass: l.storage,
      expiresOn: l.expiresOn,
      restrictions: { householdTypes: l.onlyChildren ? ['multi_child'] : [], districtCodes: [] },
    }));
    const kitchenDays: KitchenDay[] = kitchens.map((k, i) => ({
      kitchenOrganisationId: `k${String(i)}`,
      date: k.date,
      depotId: 'p1',
      category: 'meal_box',
      storageClass: 'chilled',
      boxes: k.boxes,
    }));
    return { today: TODAY, needs: openNeeds, lots: stock, kitchenDays, profiles, depots: DEPOTS };
  });

describe('planAllocation', () => {
  it('should never give a lot, kitchen day or need more than it holds or asks, nor use stock past its date', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const plan = planAllocation(input);
        const taken = new Map<string, number>();
        for (const a of plan.allocations) {
          const key =
            a.source.kind === 'lot'
              ? a.source.lotId
              : `${a.source.kitchenOrganisationId}|${a.kitchenDate ?? ''}`;
          taken.set(key, (taken.get(key) ?? 0) + a.quantity);
          taken.set(a.needId, (taken.get(a.needId) ?? 0) + a.quantity);
          expect(a.quantity).toBeGreaterThan(0);
          if (a.source.kind === 'lot') {
            const lotId = a.source.lotId;
            const lot = input.lots.find((l) => l.lotId === lotId);
            expect(lot?.expiresOn === undefined || (lot.expiresOn ?? '') >= TODAY).toBe(true);
            expect(lot?.category).toBe(a.category);
            expect(
              lot?.restrictions.householdTypes.length === 0 ||
                input.profiles.get(a.householdId)?.type === 'multi_child',
            ).toBe(true);
          } else {
            expect((a.kitchenDate ?? '') >= TODAY).toBe(true);
            expect(a.deliverBy >= (a.kitchenDate ?? '')).toBe(true);
          }
        }
        for (const lot of input.lots)
          expect(taken.get(lot.lotId) ?? 0).toBeLessThanOrEqual(lot.quantity);
        for (const day of input.kitchenDays) {
          expect(taken.get(`${day.kitchenOrganisationId}|${day.date}`) ?? 0).toBeLessThanOrEqual(
            day.boxes,
          );
        }
        for (const need of input.needs)
          expect(taken.get(need.needId) ?? 0).toBeLessThanOrEqual(need.quantity);
      }),
      { numRuns: 200, seed: 20261125 },
    );
  });

  it('should give every considered need that is short a reason, in the contracts codes', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const plan = planAllocation(input);
        const unmet = new Map(plan.unmet.map((u) => [u.needId, u]));
        for (const need of input.needs) {
          if (!input.profiles.has(need.householdId) || need.deadline < TODAY) continue;
          const given = plan.allocations
            .filter((a) => a.needId === need.needId)
            .reduce((sum, a) => sum + a.quantity, 0);
          const short = unmet.get(need.needId);
          if (given < need.quantity) {
            expect(short?.quantityMissing).toBe(need.quantity - given);
            expect(short?.reasons.length).toBeGreaterThan(0);
          } else {
            expect(short).toBeUndefined();
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('should leave a lot past its date out and say there is no stock', () => {
    const profiles = new Map([['h1', { ...profile('h1', 1), allergens: ['milk' as const] }]]);
    const plan = planAllocation({
      today: TODAY,
      profiles,
      depots: DEPOTS,
      kitchenDays: [],
      needs: [
        {
          needId: 'n1',
          householdId: 'h1',
          districtCode: 'D1',
          category: 'rice_grain',
          unit: 'bag',
          quantity: 1,
          deadline: '2026-12-01',
          priority: 10,
        },
      ],
      lots: [
        {
          lotId: 'old',
          depotId: 'p1',
          category: 'rice_grain',
          unit: 'bag',
          quantity: 9,
          storageClass: 'ambient',
          expiresOn: '2026-11-24',
          restrictions: { householdTypes: [], districtCodes: [] },
        },
      ],
    });
    expect(plan.allocations).toEqual([]);
    expect(plan.unmet).toEqual([
      {
        needId: 'n1',
        quantityMissing: 1,
        reasons: [expect.objectContaining({ code: 'no_stock' })],
      },
    ]);
  });
});
