import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Route, Stop } from '@anbu/contracts';

import { legBetween, recomputeEtas, scheduleRoute } from './route-schedule.js';

const ROUTE_ID = '00000000-0000-4000-8000-000000000001';
const DEPART = Date.parse('2026-11-25T00:00:00Z');
const DEPOT = { lng: 126.957, lat: 35.948 };

const place = fc.record({
  lng: fc.double({ min: 126.9, max: 127.05, noNaN: true }),
  lat: fc.double({ min: 35.9, max: 36.0, noNaN: true }),
});

const stopArb = fc.record({
  location: place,
  serviceSeconds: fc.integer({ min: 0, max: 900 }),
  /** Seconds after departure the window opens, or none. */
  opensAfter: fc.option(fc.integer({ min: 0, max: 4 * 3600 }), { nil: undefined }),
});

/** A freshly scheduled route of 1-12 stops. */
const routeArb = fc.array(stopArb, { minLength: 1, maxLength: 12 }).map((specs) => {
  const stops: Stop[] = specs.map((spec, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 100).padStart(12, '0')}`,
    routeId: ROUTE_ID,
    orderId: `00000000-0000-4000-9000-${String(i + 100).padStart(12, '0')}`,
    kind: 'delivery',
    sequence: i,
    eta: new Date(DEPART).toISOString(),
    serviceSeconds: spec.serviceSeconds,
    status: 'planned',
    locked: false,
    updatedAt: new Date(DEPART).toISOString(),
    location: spec.location,
    amount: { boxes: 1, kg: 2, chilledBoxes: 0 },
    ...(spec.opensAfter !== undefined
      ? {
          window: {
            start: new Date(DEPART + spec.opensAfter * 1000).toISOString(),
            end: new Date(DEPART + (spec.opensAfter + 7200) * 1000).toISOString(),
          },
        }
      : {}),
  }));
  const route: Route = {
    id: ROUTE_ID,
    planId: '00000000-0000-4000-8000-0000000000aa',
    date: '2026-11-25',
    carrierId: '00000000-0000-4000-8000-0000000000bb',
    startDepotId: '00000000-0000-4000-8000-0000000000cc',
    stops,
    load: { boxes: 0, kg: 0, chilledBoxes: 0 },
    distanceMeters: 0,
    durationSeconds: 0,
    geometry: [],
    start: DEPOT,
    end: DEPOT,
    departAt: new Date(DEPART).toISOString(),
    speedKmh: 30,
  };
  return scheduleRoute(route);
});

const etaMs = (s: Stop) => Date.parse(s.eta);

/** The route after the carrier reported stop `index` `status` at `at` (ms). */
function report(route: Route, index: number, status: Stop['status'], at: number): Route {
  return {
    ...route,
    stops: route.stops.map((s, i) =>
      i === index ? { ...s, status, reportedAt: new Date(at).toISOString() } : s,
    ),
  };
}

describe('scheduleRoute', () => {
  it('should time each stop after the previous one, its leg, and its window opening', () => {
    fc.assert(
      fc.property(routeArb, (route) => {
        let ready = DEPART;
        let from = DEPOT;
        for (const stop of route.stops) {
          if (!stop.location) throw new Error('every generated stop has a place');
          const leg = legBetween(from, stop.location, 30);
          const opens = stop.window ? Date.parse(stop.window.start) : 0;
          expect(etaMs(stop)).toBe(Math.max(ready + leg.seconds * 1000, opens));
          ready = etaMs(stop) + stop.serviceSeconds * 1000;
          from = stop.location;
        }
        expect(route.stops.map((s) => s.sequence)).toEqual(route.stops.map((_, i) => i));
        expect(route.load.boxes).toBe(route.stops.length);
        expect(route.distanceMeters).toBe(
          route.stops.reduce((sum, s) => sum + (s.travelMeters ?? 0), 0) +
            legBetween(from, DEPOT, 30).meters,
        );
      }),
    );
  });

  it('should give the same route when scheduled twice', () => {
    fc.assert(
      fc.property(routeArb, (route) => {
        expect(scheduleRoute(route)).toEqual(route);
      }),
    );
  });
});

describe('recomputeEtas', () => {
  const reported = routeArb.chain((route) =>
    fc.record({
      route: fc.constant(route),
      index: fc.integer({ min: 0, max: route.stops.length - 1 }),
      status: fc.constantFrom<Stop['status']>('arrived', 'delivered', 'not_home', 'refused'),
      /** Minutes late (negative: early) against the planned ETA. */
      lateBy: fc.integer({ min: -60, max: 240 }),
    }),
  );

  it('should leave every ETA as planned when the carrier is exactly on time', () => {
    fc.assert(
      fc.property(reported, ({ route, index }) => {
        const stop = route.stops[index];
        if (!stop) return;
        const done = etaMs(stop) + stop.serviceSeconds * 1000;
        const after = recomputeEtas(report(route, index, 'delivered', done));
        expect(after.stops.map((s) => s.eta)).toEqual(route.stops.map((s) => s.eta));
      }),
    );
  });

  it('should keep stops up to the reported one, and order the rest after it', () => {
    fc.assert(
      fc.property(reported, ({ route, index, status, lateBy }) => {
        const stop = route.stops[index];
        if (!stop) return;
        const at = etaMs(stop) + lateBy * 60_000;
        const after = recomputeEtas(report(route, index, status, at));
        expect(after.stops.slice(0, index + 1).map((s) => s.eta)).toEqual(
          route.stops.slice(0, index + 1).map((s) => s.eta),
        );
        let ready = status === 'arrived' ? at + stop.serviceSeconds * 1000 : at;
        for (const next of after.stops.slice(index + 1)) {
          expect(etaMs(next)).toBeGreaterThanOrEqual(ready);
          if (next.window)
            expect(etaMs(next)).toBeGreaterThanOrEqual(Date.parse(next.window.start));
          ready = etaMs(next) + next.serviceSeconds * 1000;
        }
      }),
    );
  });

  it('should never bring an ETA forward when the carrier reports later', () => {
    fc.assert(
      fc.property(reported, fc.integer({ min: 1, max: 120 }), (sample, extra) => {
        const { route, index, status, lateBy } = sample;
        const stop = route.stops[index];
        if (!stop) return;
        const at = etaMs(stop) + lateBy * 60_000;
        const early = recomputeEtas(report(route, index, status, at));
        const late = recomputeEtas(report(route, index, status, at + extra * 60_000));
        early.stops.forEach((s, i) => {
          expect(etaMs(late.stops[i] ?? s)).toBeGreaterThanOrEqual(etaMs(s));
        });
      }),
    );
  });
});
