import { describe, expect, it } from 'vitest';

import { DenseMatrix } from './dense-matrix.js';
import { createEuclideanMatrix } from './euclidean.js';
import { createHaversineMatrix } from './haversine.js';
import type { TravelMatrix } from './travel-matrix.js';

describe('matrix providers', () => {
  it('should give exact double-precision Euclidean distances', () => {
    const m = createEuclideanMatrix({ points: [[0, 0], [3, 4], [1, 1]] });
    expect(m.distance(0, 1)).toBe(5);
    expect(m.distance(0, 2)).toBe(Math.SQRT2);
    expect(m.duration(1, 0)).toBe(5);
  });

  it('should give great-circle metres times the circuity factor, and seconds at the profile speed', () => {
    // Seoul City Hall to Gangnam station: about 8.9 km as the crow flies.
    const m = createHaversineMatrix({ points: [[126.978, 37.5665], [127.0276, 37.4979]], circuityFactor: 1, speedKmh: 36 });
    expect(m.distance(0, 1)).toBeGreaterThan(8700);
    expect(m.distance(0, 1)).toBeLessThan(9000);
    expect(m.duration(0, 1)).toBe(Math.round(m.distance(0, 1) / 10));
    const road = createHaversineMatrix({ points: [[126.978, 37.5665], [127.0276, 37.4979]], circuityFactor: 1.3 });
    expect(road.distance(0, 1)).toBe(Math.round(m.distance(0, 1) * 1.3));
  });

  it('should agree between the stored and the on-the-fly variants', () => {
    const points = Array.from({ length: 1600 }, (_, i): [number, number] => [127 + (i % 40) / 100, 37.5 + Math.floor(i / 40) / 100]);
    const lazy: TravelMatrix = createHaversineMatrix({ points });
    const small = createHaversineMatrix({ points: [points[3]!, points[1500]!] });
    expect(lazy.distance(3, 1500)).toBe(small.distance(0, 1));
    const dense = DenseMatrix.fromRows([[0, 7], [9, 0]]);
    expect([dense.duration(0, 1), dense.distance(1, 0)]).toEqual([7, 9]);
  });
});
