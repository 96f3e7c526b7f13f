import { describe, expect, it } from 'vitest';

import { explainAllocation } from './explain.js';
import { solveAllocation } from './solve.js';
import { lotInput, needInput, problemOf } from './testing/fixtures.js';

describe('solveAllocation', () => {
  it('should take the first-expiring suitable lot', () => {
    const problem = problemOf({
      needs: [needInput({ id: 'n1' })],
      lots: [
        lotInput({ id: 'late', expiresOn: '2026-11-29' }),
        lotInput({ id: 'early', expiresOn: '2026-11-27' }),
      ],
    });
    const [match] = solveAllocation(problem).matches;
    expect(match?.source).toEqual({ kind: 'lot', lotId: 'early', depotId: 'p1' });
  });

  it('should prefer the nearer depot between lots expiring the same day', () => {
    const problem = problemOf({
      needs: [needInput({ id: 'n1', location: { lat: 37.6, lng: 126.98 } })],
      lots: [lotInput({ id: 'far', depotId: 'p1' }), lotInput({ id: 'near', depotId: 'p2' })],
    });
    expect(solveAllocation(problem).matches[0]?.source).toMatchObject({ lotId: 'near' });
  });

  it('should never use a lot that expires before the delivery date', () => {
    const problem = problemOf({
      needs: [needInput({ id: 'n1', deliveryDate: '2026-11-27' })],
      lots: [lotInput({ id: 'stale', expiresOn: '2026-11-26' })],
    });
    const solution = solveAllocation(problem);
    expect(solution.matches).toEqual([]);
    const [short] = explainAllocation({ problem, solution }).shortfalls;
    expect(short?.reasons.map((r) => r.code)).toEqual(['no_stock_before_deadline']);
  });

  it('should serve the higher-risk household first when stock is short', () => {
    const problem = problemOf({
      needs: [
        needInput({ id: 'low', riskLevel: 'low' }),
        needInput({ id: 'critical', riskLevel: 'critical' }),
      ],
      lots: [lotInput({ id: 'l1', quantity: 1 })],
    });
    const solution = solveAllocation(problem);
    expect(solution.matches.map((m) => m.needId)).toEqual(['critical']);
    const [short] = explainAllocation({ problem, solution }).shortfalls;
    expect(short?.needId).toBe('low');
    expect(short?.reasons.map((r) => r.code)).toEqual(['insufficient_quantity', 'lower_priority']);
  });

  it('should serve the longer-waiting household first among equal risks', () => {
    const problem = problemOf({
      needs: [
        needInput({ id: 'new', waitingSince: '2026-11-24' }),
        needInput({ id: 'old', waitingSince: '2026-10-30' }),
      ],
      lots: [lotInput({ id: 'l1', quantity: 1 })],
    });
    expect(solveAllocation(problem).matches.map((m) => m.needId)).toEqual(['old']);
  });

  it('should spread short stock across districts instead of filling one', () => {
    const needs = [
      ...['a1', 'a2', 'a3', 'a4'].map((id) =>
        needInput({ id, districtCode: 'A', riskLevel: 'high' }),
      ),
      ...['b1', 'b2', 'b3', 'b4'].map((id) =>
        needInput({ id, districtCode: 'B', riskLevel: 'medium' }),
      ),
    ];
    const problem = problemOf({ needs, lots: [lotInput({ id: 'l1', quantity: 4 })] });
    const solution = solveAllocation(problem);
    const served = (d: string) => solution.matches.filter((m) => m.needId.startsWith(d)).length;
    // Without fairness A (weight 4 against 2) would take all four boxes.
    expect(served('a')).toBeLessThan(4);
    expect(served('b')).toBeGreaterThan(0);
    const codes = explainAllocation({ problem, solution }).shortfalls.flatMap((s) =>
      s.reasons.map((r) => r.code),
    );
    expect(codes).toContain('district_fairness');
  });

  it('should explain an allergy, a diet and a donor restriction', () => {
    const problem = problemOf({
      needs: [
        needInput({ id: 'nut', allergens: ['peanut'] }),
        needInput({ id: 'soft', dietaryTags: ['soft_food'] }),
        needInput({
          id: 'adult',
          householdType: 'elderly_alone',
          category: 'hygiene',
          unit: 'kit',
        }),
      ],
      lots: [
        lotInput({ id: 'peanuts', allergens: ['peanut'], suitableFor: ['soft_food'] }),
        lotInput({ id: 'hard', suitableFor: [] }),
        lotInput({
          id: 'kids',
          category: 'hygiene',
          unit: 'kit',
          storageClass: 'ambient',
          expiresOn: undefined,
          restrictions: {
            householdTypes: [],
            districtCodes: [],
            childrenOnly: true,
            noResale: false,
          },
        }),
      ],
    });
    const solution = solveAllocation(problem);
    // 'nut' can only take 'hard', 'soft' can only take 'peanuts': both are served.
    expect(
      solution.matches.map((m) => [m.needId, m.source.kind === 'lot' ? m.source.lotId : '']),
    ).toEqual([
      ['nut', 'hard'],
      ['soft', 'peanuts'],
    ]);
    const [adult] = explainAllocation({ problem, solution }).shortfalls;
    expect(adult?.reasons).toEqual([
      expect.objectContaining({
        code: 'donor_restriction',
        params: { restrictions: ['children_only'] },
      }),
    ]);
    const lone = problemOf({
      needs: [needInput({ id: 'nut', allergens: ['peanut', 'egg'] })],
      lots: [lotInput({ id: 'peanuts', allergens: ['peanut'] })],
    });
    const reasons = explainAllocation({ problem: lone, solution: solveAllocation(lone) })
      .shortfalls[0]?.reasons;
    expect(reasons).toEqual([
      expect.objectContaining({
        code: 'allergen_conflict',
        params: { allergens: ['peanut'] },
        message: 'allergy: peanut',
      }),
    ]);
  });

  it('should explain missing stock of a category and of a storage class', () => {
    const problem = problemOf({
      needs: [
        needInput({ id: 'bed', category: 'bedding', unit: 'piece' }),
        needInput({ id: 'frozen', storageClass: 'frozen' }),
      ],
      lots: [lotInput({ id: 'chilled' })],
    });
    const shortfalls = explainAllocation({
      problem,
      solution: solveAllocation(problem),
    }).shortfalls;
    expect(shortfalls.map((s) => [s.needId, s.reasons.map((r) => r.code)])).toEqual([
      ['bed', ['no_stock']],
      ['frozen', ['storage_class_unavailable']],
    ]);
  });

  it('should cook meal boxes from kitchen capacity, day by day', () => {
    const problem = problemOf({
      needs: [
        needInput({ id: 'm1', category: 'meal_box', quantity: 2, deliveryDate: '2026-11-25' }),
        needInput({ id: 'm2', category: 'meal_box', quantity: 2, deliveryDate: '2026-11-25' }),
      ],
      kitchens: [{ id: 'k1', depotId: 'p1', boxesPerDay: 3, days: 2, shelfLifeDays: 1 }],
    });
    const solution = solveAllocation(problem);
    const days = solution.matches.map((m) => (m.source.kind === 'kitchen' ? m.source.day : ''));
    expect(solution.shortfalls).toEqual([]);
    expect(days.filter((d) => d === '2026-11-25')).toHaveLength(2);
    expect(days).toContain('2026-11-26');
    const reasons = explainAllocation({ problem, solution }).matches[0]?.reasons.map((r) => r.code);
    expect(reasons).toContain('kitchen_capacity');
  });
});

describe('explainAllocation', () => {
  it('should explain only the needs asked about', () => {
    const problem = problemOf({
      needs: [needInput({ id: 'n1' }), needInput({ id: 'n2' }), needInput({ id: 'n3' })],
      lots: [lotInput({ id: 'l1', quantity: 1 })],
    });
    const solution = solveAllocation(problem);
    const explanation = explainAllocation({ problem, solution, needIds: ['n2'] });
    expect([...explanation.matches, ...explanation.shortfalls].map((e) => e.needId)).toEqual([
      'n2',
    ]);
  });
});
