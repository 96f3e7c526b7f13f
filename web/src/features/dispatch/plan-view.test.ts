import { describe, expect, it } from 'vitest';

import type { PlanRoute } from './plan-view.js';
import { appendProgress, drawnRoutes, summariseRoutes } from './plan-view.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function route(n: number, etas: string[], extra: Partial<PlanRoute> = {}): PlanRoute {
  return {
    id: uuid(n),
    planId: uuid(99),
    date: '2026-11-25',
    carrierId: uuid(50 + n),
    startDepotId: uuid(90),
    stops: etas.map((eta, i) => ({
      id: uuid(n * 100 + i),
      routeId: uuid(n),
      orderId: uuid(n * 1000 + i),
      kind: 'delivery',
      sequence: etas.length - 1 - i,
      eta,
      window: { start: '2026-11-25T09:00:00+09:00', end: '2026-11-25T12:00:00+09:00' },
      serviceSeconds: 60,
      status: 'planned',
      locked: false,
      updatedAt: '2026-11-25T08:00:00+09:00',
      location: { lat: 35.9 + i / 100, lng: 126.9 },
    })),
    load: { boxes: 12, kg: 30.44, chilledBoxes: 0 },
    distanceMeters: 15_350,
    durationSeconds: 7_230,
    geometry: [],
    ...extra,
  };
}

describe('summariseRoutes', () => {
  it('should give each route a colour, its figures and the stops on time', () => {
    const [first, second] = summariseRoutes({
      routes: [
        route(1, ['2026-11-25T10:00:00+09:00', '2026-11-25T12:30:00+09:00']),
        route(2, ['2026-11-25T10:00:00+09:00'], { shiftEnd: '2026-11-25T09:30:00+09:00' }),
      ],
    });
    expect(first).toMatchObject({
      number: 1,
      stops: 2,
      boxes: 12,
      kg: 30.4,
      km: 15.4,
      minutes: 121,
      onTime: 1,
    });
    expect(second).toMatchObject({ number: 2, onTime: 0 });
    expect(first?.colour).not.toBe(second?.colour);
  });
});

describe('drawnRoutes', () => {
  it('should draw start, stops in sequence and end when there is no road geometry', () => {
    const summaries = summariseRoutes({
      routes: [
        route(1, ['2026-11-25T10:00:00+09:00', '2026-11-25T11:00:00+09:00'], {
          start: { lat: 35.0, lng: 126.0 },
          end: { lat: 35.0, lng: 126.0 },
        }),
      ],
    });
    const [drawn] = drawnRoutes(summaries, (s, order) => `${s.number}-${order}`);
    // Stop 1 has sequence 1, stop 0 sequence 0… the second stop in the input goes first.
    expect(drawn?.path).toEqual([
      [35.0, 126.0],
      [35.91, 126.9],
      [35.9, 126.9],
      [35.0, 126.0],
    ]);
    expect(drawn?.stops.map((s) => s.label)).toEqual(['1-1', '1-2']);
  });
});

describe('appendProgress', () => {
  it('should add a point per new moment with the unassigned orders and routes, and skip the rest', () => {
    let points = appendProgress([], { elapsedMs: 100, iterations: 0, fraction: 0 });
    points = appendProgress(points, {
      elapsedMs: 200,
      iterations: 0,
      fraction: 0,
      bestCost: 0,
      vehicles: 0,
      unassigned: 0,
    });
    expect(points).toEqual([]);
    const at = (elapsedMs: number, unassigned: number, vehicles: number) => ({
      elapsedMs,
      iterations: 5,
      fraction: 0.1,
      bestCost: 9_000_000 + unassigned,
      unassigned,
      vehicles,
    });
    points = appendProgress(points, at(1_000, 300, 25));
    points = appendProgress(points, at(1_000, 280, 26));
    points = appendProgress(points, at(2_050, 154, 28));
    expect(points).toEqual([
      { seconds: 1, unassigned: 300, routes: 25 },
      { seconds: 2.1, unassigned: 154, routes: 28 },
    ]);
  });
});
