import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createEuclideanMatrix } from '../matrix/euclidean.js';
import { gridNeighbours } from './grid-neighbours.js';
import { nearestNeighbours } from './neighbours.js';

const pointsArb = (min: number, max: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 40 })).map(([x, y]) => [x, y] as const),
    { minLength: min, maxLength: max },
  );

function setup(points: readonly (readonly [number, number])[]) {
  const matrix = createEuclideanMatrix({ points });
  const taskLoc = Int32Array.from(points, (_, i) => i);
  const sym = (a: number, b: number) => matrix.distance(a, b) + matrix.distance(b, a);
  return { matrix, taskLoc, sym, points: points.map(([x, y]) => [x, y] as [number, number]) };
}

describe('gridNeighbours', () => {
  it('should list, for every task, k other distinct tasks ordered by (distance, index)', () => {
    fc.assert(
      fc.property(pointsArb(12, 200), fc.integer({ min: 1, max: 10 }), (pts, kWanted) => {
        const { matrix, taskLoc, sym, points } = setup(pts);
        const k = Math.min(kWanted, pts.length - 1);
        const out = gridNeighbours({ taskLoc, points, matrix, k });
        for (let a = 0; a < pts.length; a++) {
          const list = Array.from(out.subarray(a * k, a * k + k));
          expect(list).not.toContain(a);
          expect(new Set(list).size).toBe(k);
          for (let i = 1; i < k; i++) {
            const [p, q] = [list[i - 1] ?? 0, list[i] ?? 0];
            expect(sym(a, p) < sym(a, q) || (sym(a, p) === sym(a, q) && p < q)).toBe(true);
          }
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('should equal the exact nearest neighbours when the rings must take in every task', () => {
    // With n − 1 ≤ 2k every task is a candidate, so the grid is exact (ties by index).
    fc.assert(
      fc.property(pointsArb(3, 40), (pts) => {
        const { matrix, taskLoc, sym, points } = setup(pts);
        const k = Math.ceil((pts.length - 1) / 2);
        const grid = gridNeighbours({ taskLoc, points, matrix, k });
        const exact = Array.from({ length: pts.length }, (_, a) =>
          pts
            .map((_, b) => b)
            .filter((b) => b !== a)
            .sort((p, q) => sym(a, p) - sym(a, q) || p - q)
            .slice(0, k),
        ).flat();
        expect(Array.from(grid)).toEqual(exact);
        // The all-pairs heap agrees on the set (its order within ties is its own).
        const heap = nearestNeighbours({ taskLoc, matrix, k });
        for (let a = 0; a < pts.length; a++) {
          const dists = (list: ArrayLike<number>) => Array.from(list, (b) => sym(a, b)).sort((x, y) => x - y);
          expect(dists(heap.subarray(a * k, a * k + k))).toEqual(dists(grid.subarray(a * k, a * k + k)));
        }
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  it('should call the tick while it works', () => {
    const { matrix, taskLoc, points } = setup(Array.from({ length: 600 }, (_, i) => [i % 30, Math.floor(i / 30)] as const));
    let ticks = 0;
    gridNeighbours({ taskLoc, points, matrix, k: 8, tick: () => ticks++ });
    expect(ticks).toBe(3);
  });
});
