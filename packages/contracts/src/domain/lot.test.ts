import { describe, expect, it } from 'vitest';

import { lotSchema } from './lot.js';

const lot = {
  id: crypto.randomUUID(),
  depotId: crypto.randomUUID(),
  category: 'instant_food',
  unit: 'box',
  storageClass: 'ambient',
  quantityReceived: 10,
  quantityAvailable: 4,
  quantityAllocated: 3,
  quantityDelivered: 2,
  quantityWrittenOff: 1,
  status: 'in_stock',
  receivedAt: '2026-11-25T09:00:00+09:00',
};

describe('lotSchema', () => {
  it('should accept a lot whose units add up', () => {
    expect(lotSchema.parse(lot).quantityReceived).toBe(10);
  });

  it('should reject a lot that loses or doubles units', () => {
    const result = lotSchema.safeParse({ ...lot, quantityAvailable: 5 });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['quantityReceived']);
  });
});
