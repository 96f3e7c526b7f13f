import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { checkConservation, conservationGap } from './conservation.js';

describe('checkConservation', () => {
  it('should hold when received = in stock + allocated + delivered + written off', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { minLength: 4, maxLength: 4 }), (parts) => {
        const [inStock = 0, allocated = 0, delivered = 0, writtenOff = 0] = parts;
        const received = inStock + allocated + delivered + writtenOff;
        expect(checkConservation({ received, inStock, allocated, delivered, writtenOff })).toBe(
          true,
        );
        expect(
          checkConservation({ received: received + 1, inStock, allocated, delivered, writtenOff }),
        ).toBe(false);
      }),
    );
  });

  it('should report the gap and reject negative or fractional counts', () => {
    expect(
      conservationGap({ received: 10, inStock: 4, allocated: 3, delivered: 2, writtenOff: 0 }),
    ).toBe(1);
    expect(
      checkConservation({ received: 1, inStock: 2, allocated: -1, delivered: 0, writtenOff: 0 }),
    ).toBe(false);
    expect(
      checkConservation({ received: 1, inStock: 0.5, allocated: 0.5, delivered: 0, writtenOff: 0 }),
    ).toBe(false);
  });
});
