import { describe, expect, it } from 'vitest';

import { allocationNeedSchema, allocationOptionsSchema, allocationProblemSchema } from './index.js';

const need = {
  id: 'n1',
  householdId: 'h1',
  category: 'side_dishes',
  unit: 'box',
  quantity: 2,
  deliveryDate: '2026-11-26',
  deadline: '2026-11-30',
  waitingSince: '2026-11-20',
  riskLevel: 'high',
  householdType: 'elderly_alone',
  districtCode: '1111051500',
  location: { lat: 37.57, lng: 126.98 },
};

describe('allocationProblemSchema', () => {
  it('should fill the defaults of a minimal problem', () => {
    const problem = allocationProblemSchema.parse({
      date: '2026-11-25',
      depots: [{ id: 'p1', location: { lat: 37.55, lng: 126.98 } }],
      lots: [
        {
          id: 'l1',
          depotId: 'p1',
          category: 'side_dishes',
          unit: 'box',
          storageClass: 'chilled',
          quantity: 5,
        },
      ],
      needs: [need],
    });
    expect(problem.kitchens).toEqual([]);
    expect(problem.options.fairnessPenalties).toEqual([0, 0.2, 0.4, 0.6]);
    expect(problem.lots[0]?.restrictions).toEqual({
      householdTypes: [],
      districtCodes: [],
      childrenOnly: false,
      noResale: false,
    });
    expect(problem.needs[0]).toMatchObject({
      priority: 0,
      dietaryTags: [],
      allergens: [],
      childrenInHousehold: false,
    });
  });

  it('should reject a deadline before the delivery date, naming the field', () => {
    const result = allocationNeedSchema.safeParse({ ...need, deadline: '2026-11-25' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['deadline']);
  });

  it('should reject fairness penalties that do not start at 0 or that fall', () => {
    expect(allocationOptionsSchema.safeParse({ fairnessPenalties: [0.1, 0.2] }).success).toBe(
      false,
    );
    expect(allocationOptionsSchema.safeParse({ fairnessPenalties: [0, 0.5, 0.3] }).success).toBe(
      false,
    );
    expect(allocationOptionsSchema.safeParse({ fairnessPenalties: [0, 0.3, 0.3] }).success).toBe(
      true,
    );
  });
});
