import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { LotCounts } from './lot-view.js';
import { releaseFromLot, writeOffFromLot } from './lot-view.js';

describe('writeOffFromLot', () => {
  it('should take written-off units out of what is offered', () => {
    expect(writeOffFromLot({ quantity: 10, allocated: 2, unitsShort: 0 }, 3)).toEqual({
      quantity: 7,
      allocated: 2,
      unitsShort: 0,
    });
  });

  it('should keep what allocations hold and remember the units it could not take', () => {
    // 10 units, 6 allocated here but not yet in donations, which wrote off 5 of its 10.
    expect(writeOffFromLot({ quantity: 10, allocated: 6, unitsShort: 0 }, 5)).toEqual({
      quantity: 6,
      allocated: 6,
      unitsShort: 1,
    });
  });
});

describe('releaseFromLot', () => {
  it('should offer released units again when the lot is not short', () => {
    expect(releaseFromLot({ quantity: 10, allocated: 6, unitsShort: 0 }, 6)).toEqual({
      quantity: 10,
      allocated: 0,
      unitsShort: 0,
    });
  });

  it('should pay the shortfall first: the refused allocation after a write-off offers what donations has', () => {
    const short = writeOffFromLot({ quantity: 10, allocated: 6, unitsShort: 0 }, 5);
    expect(releaseFromLot(short, 6)).toEqual({ quantity: 5, allocated: 0, unitsShort: 0 });
    const gone = writeOffFromLot({ quantity: 10, allocated: 6, unitsShort: 0 }, 10);
    expect(releaseFromLot(gone, 6)).toEqual({ quantity: 0, allocated: 0, unitsShort: 0 });
  });

  it('should keep the view in step with donations whatever is written off and released', () => {
    // Donations' truth: `received` units, `held` of them by allocations it applied; the view
    // allocated `viewAllocated` more that donations has not applied yet, then donations writes
    // off w of its available units and refuses (or matching releases) those allocations.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }).chain((received) =>
          fc.record({
            received: fc.constant(received),
            pending: fc.integer({ min: 0, max: received }),
            writtenOff: fc.integer({ min: 0, max: received }),
          }),
        ),
        ({ received, pending, writtenOff }) => {
          const before: LotCounts = { quantity: received, allocated: pending, unitsShort: 0 };
          const after = releaseFromLot(writeOffFromLot(before, writtenOff), pending);
          expect(after.allocated).toBe(0);
          expect(after.unitsShort).toBe(0);
          // What the view offers again is exactly what donations still has available.
          expect(after.quantity).toBe(received - writtenOff);
        },
      ),
    );
  });

  it('should never offer less than is allocated', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        (free, allocated, writtenOff, releasedShare) => {
          const lot = writeOffFromLot(
            { quantity: free + allocated, allocated, unitsShort: 0 },
            Math.min(writtenOff, free + allocated),
          );
          const after = releaseFromLot(lot, Math.min(releasedShare, allocated));
          expect(after.quantity).toBeGreaterThanOrEqual(after.allocated);
          expect(after.unitsShort).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
