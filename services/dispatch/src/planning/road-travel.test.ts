import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TableService } from '@anbu/road-matrix';
import { getPlan, startPlanningRun } from '@anbu/contracts/rpc';

import type { DispatchHarness } from '../testing/harness.js';
import { dispatcher, startDispatch } from '../testing/harness.js';
import { generateCity, seedCity, serveNeighbours, watchRun } from '../testing/planning-fixture.js';

const ROAD_METRES = 1000;

/** A road network where every trip between two places is exactly 1 km and 2 minutes. */
function flatRoads(calls: { count: number }): TableService {
  return {
    name: 'flat roads',
    routes: () => true,
    table: ({ sources, destinations }) => {
      calls.count++;
      const cells = (value: number) => sources.map(() => destinations.map(() => value));
      return Promise.resolve({ durations: cells(120), distances: cells(ROAD_METRES) });
    },
  };
}

const brokenRoads: TableService = {
  name: 'broken roads',
  routes: () => true,
  table: () => Promise.reject(new Error('connection refused')),
};

async function planDay(travel: TableService) {
  const h: DispatchHarness = await startDispatch({
    service: { heartbeatMs: 200, pollMs: 200, seed: 1, travel },
  });
  const city = generateCity({ orders: 20, carriers: 3 });
  await serveNeighbours(h.bus, city);
  await seedCity(h.bus, city);
  const run = await h.bus.request(
    startPlanningRun,
    { date: city.date, timeLimitSeconds: 1 },
    { actor: dispatcher },
  );
  const seen = await watchRun(h.bus, {
    runId: run.id,
    done: (r) => ['succeeded', 'failed', 'cancelled'].includes(r.status),
  });
  const last = seen.at(-1);
  expect(last?.status).toBe('succeeded');
  const plan = await h.bus.request(getPlan, { planId: last?.planId ?? '' }, { actor: dispatcher });
  return { h, plan };
}

describe('planning with road travel times', () => {
  const calls = { count: 0 };
  let flat: Awaited<ReturnType<typeof planDay>>;
  let broken: Awaited<ReturnType<typeof planDay>>;
  beforeAll(async () => {
    flat = await planDay(flatRoads(calls));
    broken = await planDay(brokenRoads);
  });
  afterAll(async () => {
    await flat.h[Symbol.asyncDispose]();
    await broken.h[Symbol.asyncDispose]();
  });

  it('should plan on the road matrix when a table service is configured', () => {
    expect(calls.count).toBeGreaterThan(0);
    expect(flat.plan.routes.length).toBeGreaterThan(0);
    for (const route of flat.plan.routes) {
      // Depot → each stop → depot, every leg exactly one road kilometre (no two stops share a door).
      expect(route.distanceMeters).toBe(ROAD_METRES * (route.stops.length + 1));
    }
  });

  it('should still plan, on straight-line estimates, when the road service fails', () => {
    expect(broken.plan.routes.length).toBeGreaterThan(0);
    const legs = broken.plan.routes.flatMap((r) => [r.distanceMeters / (r.stops.length + 1)]);
    expect(legs.some((metres) => metres !== ROAD_METRES)).toBe(true);
  });
});
