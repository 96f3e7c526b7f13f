import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { mapInSlices } from './map-in-slices.js';

describe('mapInSlices', () => {
  it('should map like Array.map, in order, for any slice size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer(), { maxLength: 500 }),
        fc.integer({ min: 1, max: 200 }),
        async (items, slice) => {
          const mapped = await mapInSlices(items, (item, index) => item * 2 + index, slice);
          expect(mapped).toEqual(items.map((item, index) => item * 2 + index));
        },
      ),
    );
  });

  it('should let other work run between slices', async () => {
    const seen: string[] = [];
    const timer = new Promise<void>((resolve) =>
      setImmediate(() => {
        seen.push('other work');
        resolve();
      }),
    );
    await mapInSlices([1, 2, 3, 4], (item) => seen.push(`item ${String(item)}`), 2);
    await timer;
    expect(seen).toEqual(['item 1', 'item 2', 'other work', 'item 3', 'item 4']);
  });
});
