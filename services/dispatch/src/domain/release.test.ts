import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { DeliveryOrder } from '@anbu/contracts';

import { releaseFromOrder } from './release.js';

const line = (quantity: number): DeliveryOrder['items'][number] => ({
  category: 'side_dishes',
  quantity,
  unit: 'box',
});

describe('releaseFromOrder', () => {
  it('should cancel an order whose only allocation is released', () => {
    expect(
      releaseFromOrder(
        { allocationIds: ['a'], items: [line(3)] },
        { allocationId: 'a', quantity: 3 },
      ),
    ).toEqual({
      kind: 'cancel',
    });
  });

  it('should drop the released allocation and its line from a shared order', () => {
    expect(
      releaseFromOrder(
        { allocationIds: ['a', 'b'], items: [line(3), line(5)] },
        { allocationId: 'b', quantity: 5 },
      ),
    ).toEqual({ kind: 'reduce', allocationIds: ['a'], items: [line(3)] });
  });

  it('should reduce the line of a partly released allocation and keep it', () => {
    expect(
      releaseFromOrder(
        { allocationIds: ['a', 'b'], items: [line(3), line(5)] },
        { allocationId: 'a', quantity: 1 },
      ),
    ).toEqual({ kind: 'reduce', allocationIds: ['a', 'b'], items: [line(2), line(5)] });
  });

  it('should leave an order without the allocation untouched', () => {
    expect(
      releaseFromOrder(
        { allocationIds: ['a'], items: [line(3)] },
        { allocationId: 'z', quantity: 3 },
      ),
    ).toEqual({ kind: 'untouched' });
  });

  it('should never increase a quantity and lose exactly the released units', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 1, max: 60 }),
        (quantities, pick, released) => {
          const allocationIds = quantities.map((_, i) => `a${i}`);
          const index = pick % quantities.length;
          const order = { allocationIds, items: quantities.map(line) };
          const outcome = releaseFromOrder(order, {
            allocationId: `a${index}`,
            quantity: released,
          });
          const before = quantities.reduce((a, b) => a + b, 0);
          const taken = Math.min(released, quantities[index] ?? 0);
          if (outcome.kind === 'cancel') {
            expect(before - taken).toBe(0);
            return;
          }
          expect(outcome.kind).toBe('reduce');
          if (outcome.kind !== 'reduce') return;
          expect(outcome.items.reduce((a, b) => a + b.quantity, 0)).toBe(before - taken);
          expect(outcome.items).toHaveLength(outcome.allocationIds.length);
          expect(outcome.items.every((i) => i.quantity > 0)).toBe(true);
        },
      ),
    );
  });
});
