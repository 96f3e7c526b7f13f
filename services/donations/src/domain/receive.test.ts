import { describe, expect, it } from 'vitest';

import type { DonationItem } from '@anbu/contracts';

import { planLots } from './receive.js';

const items: DonationItem[] = [
  { category: 'instant_food', quantity: 40, unit: 'box', storageClass: 'ambient' },
  {
    category: 'dairy',
    quantity: 10,
    unit: 'pack',
    storageClass: 'chilled',
    expiresOn: '2026-12-10',
  },
];

describe('planLots', () => {
  it('should make one lot per line with the offered quantities when nothing was counted', () => {
    const plan = planLots({ items });
    expect(plan).toMatchObject({
      ok: true,
      missing: 0,
      lots: [{ quantity: 40 }, { quantity: 10 }],
    });
  });

  it('should use counted quantities, skip lines counted at zero and report what is missing', () => {
    const plan = planLots({
      items,
      received: [
        { itemIndex: 0, quantity: 38 },
        { itemIndex: 1, quantity: 0 },
      ],
    });
    expect(plan).toMatchObject({ ok: true, missing: 12, lots: [{ itemIndex: 0, quantity: 38 }] });
  });

  it('should refuse a count above the offer or an unknown line, naming the field', () => {
    expect(planLots({ items, received: [{ itemIndex: 1, quantity: 11 }] })).toMatchObject({
      ok: false,
      refusal: { field: 'received.0.quantity' },
    });
    expect(planLots({ items, received: [{ itemIndex: 5, quantity: 1 }] })).toMatchObject({
      ok: false,
      refusal: { field: 'received.0.itemIndex' },
    });
  });
});
