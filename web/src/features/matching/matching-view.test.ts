import { describe, expect, it } from 'vitest';

import type { AllocationView } from './matching-view.js';
import { groupByNeed, reasonCodes } from './matching-view.js';

const allocation = (needId: string, quantity: number, codes: string[]): AllocationView =>
  ({
    id: `${needId}-${quantity}`,
    runId: 'r1',
    needId,
    householdId: `h-${needId}`,
    source: { kind: 'lot', lotId: 'l1', depotId: 'd1' },
    quantity,
    status: 'made',
    reasons: codes.map((code) => ({ code, message: code })),
    createdAt: '2026-11-26T00:00:00Z',
  }) as AllocationView;

describe('groupByNeed', () => {
  it('should sum a need across its allocations and give each reason once, in order', () => {
    const grouped = groupByNeed([
      allocation('n1', 2, ['category_match', 'first_expiring']),
      allocation('n2', 1, ['category_match']),
      allocation('n1', 3, ['first_expiring', 'insufficient_quantity']),
    ]);
    expect(grouped).toEqual([
      expect.objectContaining({
        needId: 'n1',
        quantity: 5,
        reasons: ['category_match', 'first_expiring', 'insufficient_quantity'],
      }),
      expect.objectContaining({ needId: 'n2', quantity: 1, reasons: ['category_match'] }),
    ]);
    expect(grouped[0]?.sources).toHaveLength(2);
  });
});

describe('reasonCodes', () => {
  it('should drop repeated codes', () => {
    expect(
      reasonCodes([
        { code: 'no_stock', message: 'a' },
        { code: 'no_stock', message: 'b' },
      ]),
    ).toEqual(['no_stock']);
  });
});
