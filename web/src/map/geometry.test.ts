import { describe, expect, it } from 'vitest';

import { arrowPlacements, bearing, ringCentroid } from './geometry.js';
import { ROUTE_PALETTE, routeColour } from './stop-status.js';

describe('bearing', () => {
  it('should point north, east, south and west', () => {
    expect(bearing([35.9, 126.9], [36.0, 126.9])).toBeCloseTo(0, 5);
    expect(bearing([35.9, 126.9], [35.9, 127.0])).toBeCloseTo(90, 0);
    expect(bearing([36.0, 126.9], [35.9, 126.9])).toBeCloseTo(180, 5);
    expect(bearing([35.9, 127.0], [35.9, 126.9])).toBeCloseTo(270, 0);
  });
});

describe('arrowPlacements', () => {
  it('should place one arrow per long enough segment, at its middle', () => {
    const path = [
      [35.9, 126.9],
      [35.91, 126.9],
      [35.91005, 126.9], // about 5 m further: too short for an arrow
      [35.91005, 126.92],
    ] as const;
    const arrows = arrowPlacements(path);
    expect(arrows).toHaveLength(2);
    expect(arrows[0]?.position).toEqual([35.905, 126.9]);
    expect(arrows[0]?.bearing).toBeCloseTo(0, 5);
    expect(arrows[1]?.bearing).toBeCloseTo(90, 0);
  });

  it('should place nothing on a path of one point', () => {
    expect(arrowPlacements([[35.9, 126.9]])).toEqual([]);
  });
});

describe('routeColour', () => {
  it('should cycle through the palette', () => {
    expect(routeColour(0)).toBe(ROUTE_PALETTE[0]);
    expect(routeColour(ROUTE_PALETTE.length)).toBe(ROUTE_PALETTE[0]);
    expect(routeColour(3)).not.toBe(routeColour(4));
  });
});

describe('ringCentroid', () => {
  it('should find the middle of a square, closed or not', () => {
    const square = [
      [0, 0],
      [0, 2],
      [2, 2],
      [2, 0],
      [0, 0],
    ] as const;
    expect(ringCentroid(square)).toEqual([1, 1]);
  });

  it('should give nothing for a degenerate ring', () => {
    expect(
      ringCentroid([
        [1, 1],
        [1, 1],
      ]),
    ).toBeUndefined();
  });
});
