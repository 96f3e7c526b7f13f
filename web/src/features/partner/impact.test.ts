import { describe, expect, it } from 'vitest';

import { impactByMonth } from './impact.js';

const line = (quantity: number) =>
  ({ category: 'dry_food', quantity, unit: 'box', storageClass: 'ambient' }) as const;

describe('impactByMonth', () => {
  it("should add units by Korea's month and by where they ended up", () => {
    expect(
      impactByMonth([
        // 16:00 UTC on 31 October is already 1 November in Korea.
        { createdAt: '2026-10-31T16:00:00Z', status: 'delivered', items: [line(3), line(2)] },
        { createdAt: '2026-11-02T01:00:00+09:00', status: 'accepted', items: [line(10)] },
        { createdAt: '2026-10-03T01:00:00+09:00', status: 'expired', items: [line(4)] },
      ]),
    ).toEqual([
      { month: '2026-10', delivered: 0, inProgress: 0, lost: 4 },
      { month: '2026-11', delivered: 5, inProgress: 10, lost: 0 },
    ]);
  });
});
