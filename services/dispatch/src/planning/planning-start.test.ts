import { describe, expect, it } from 'vitest';

import type { PlanningRun } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import {
  getDeliveryProfiles,
  getPlan,
  getPublishedPlan,
  listDepots,
  publishPlan,
  startPlanningRun,
} from '@anbu/contracts/rpc';

import type { PlanningCity } from '../testing/planning-fixture.js';
import { dispatcher, startDispatch } from '../testing/harness.js';
import { generateCity, seedCity, serveNeighbours, watchRun } from '../testing/planning-fixture.js';

const finished = (run: PlanningRun) =>
  run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled';

describe('starting a planning run', () => {
  it('should answer at once with the run queued, and fail the run with the reason when its problem cannot be gathered', async () => {
    // Households stays down longer than gathering waits for it.
    await using h = await startDispatch({
      service: { heartbeatMs: 100, pollMs: 100, gatherWaitMs: 600 },
    });
    const city = generateCity({ orders: 10, carriers: 2, seed: 5 });
    await seedCity(h.bus, city);
    // Households is down: the start does not ask it, the runner does.
    await h.bus.serve([
      handle(getDeliveryProfiles, () => {
        throw new RpcError('UNAVAILABLE', 'households is down');
      }),
      handle(listDepots, () => Promise.resolve({ items: [] })),
    ]);
    const call = { actor: dispatcher, idempotencyKey: 'start-while-households-down' };
    const run = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 1 },
      call,
    );
    expect(run).toMatchObject({ status: 'queued', attempts: 0, notes: [] });

    const seen = await watchRun(h.bus, { runId: run.id, done: finished });
    const last = seen[seen.length - 1];
    expect(last?.status).toBe('failed');
    expect(last?.error).toMatch(/could not gather the problem/);
    expect(last?.error).toMatch(/households is down/);
    expect(last?.planId).toBeUndefined();
    // A retried start answers the same (failed) run, never a second one.
    const again = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 1 },
      call,
    );
    expect(again).toMatchObject({ id: run.id, status: 'failed' });
    const rows = await h.db.selectFrom('planning_runs').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('should wait out households and donations restarting while it gathers, and plan once they answer', async () => {
    await using h = await startDispatch({ service: { heartbeatMs: 100, pollMs: 100, seed: 2 } });
    const city = generateCity({ orders: 8, carriers: 2, seed: 6 });
    await seedCity(h.bus, city);
    // Nobody serves household and depot locations yet (both services restarting).
    const run = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 1 },
      { actor: dispatcher },
    );
    const claimed = await watchRun(h.bus, { runId: run.id, done: (r) => r.attempts > 0 });
    expect(claimed[claimed.length - 1]?.status).not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 700));
    await serveNeighbours(h.bus, city);

    const seen = await watchRun(h.bus, { runId: run.id, done: finished });
    const last = seen[seen.length - 1];
    expect(last?.status).toBe('succeeded');
    expect(last?.attempts).toBe(1);
    const plan = await h.bus.request(getPlan, { planId: last?.planId ?? '' }, { actor: dispatcher });
    // Every order is on the plan, routed or unassigned with a reason.
    expect(plan.routes.flatMap((r) => r.stops).length + plan.unassigned.length).toBe(8);
    expect(plan.routes.length).toBeGreaterThan(0);
  });

  it('should fail a run at once when a service refuses the gathering for good', async () => {
    await using h = await startDispatch({ service: { heartbeatMs: 100, pollMs: 100 } });
    const city = generateCity({ orders: 4, carriers: 1, seed: 7 });
    await seedCity(h.bus, city);
    let asked = 0;
    await h.bus.serve([
      handle(getDeliveryProfiles, () => {
        asked += 1;
        throw new RpcError('FORBIDDEN', 'dispatch may not read locations');
      }),
      handle(listDepots, () => Promise.resolve({ items: [] })),
    ]);
    const run = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 1 },
      { actor: dispatcher },
    );
    const seen = await watchRun(h.bus, { runId: run.id, done: finished });
    expect(seen[seen.length - 1]?.error).toMatch(/may not read locations/);
    // Asked once: a refusal is not waited out as a restart is.
    expect(asked).toBe(1);
  });

  it('should refuse a re-plan of an unknown plan before queueing anything', async () => {
    await using h = await startDispatch({ service: { runPlanning: false } });
    const start = h.bus.request(
      startPlanningRun,
      { date: '2026-12-01', basePlanId: '99999999-9999-4999-8999-999999999999' },
      { actor: dispatcher },
    );
    await expect(start).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const rows = await h.db.selectFrom('planning_runs').select('id').execute();
    expect(rows).toEqual([]);
  });
});

const NORTH = '4514051000';
const SOUTH = '4514052000';

/**
 * The generated city split over two districts: orders alternate between them, and the carriers'
 * shifts go three to each district, the rest without a district.
 */
function twoDistrictCity(): PlanningCity {
  const city = generateCity({ orders: 40, carriers: 7, seed: 21 });
  return {
    ...city,
    orders: city.orders.map((order, i) => ({ ...order, districtCode: i % 2 ? SOUTH : NORTH })),
    shifts: city.shifts.map((shift, i) =>
      i < 6 ? { ...shift, districtCode: i % 2 ? SOUTH : NORTH } : shift,
    ),
  };
}

describe('planning districts with their own fleet', () => {
  it('should plan each district with its shifts only, so that no carrier is on two plans of the day, and publish both side by side', async () => {
    await using h = await startDispatch({ service: { heartbeatMs: 100, pollMs: 100, seed: 3 } });
    const city = twoDistrictCity();
    await serveNeighbours(h.bus, city);
    await seedCity(h.bus, city);
    const plans = await Promise.all(
      [NORTH, SOUTH].map(async (district) => {
        const run = await h.bus.request(
          startPlanningRun,
          { date: city.date, districtCodes: [district], timeLimitSeconds: 1 },
          { actor: dispatcher },
        );
        const seen = await watchRun(h.bus, { runId: run.id, done: finished });
        const last = seen[seen.length - 1];
        expect(last?.status).toBe('succeeded');
        return h.bus.request(getPlan, { planId: last?.planId ?? '' }, { actor: dispatcher });
      }),
    );
    const shiftsOf = (district: string) =>
      new Set(city.shifts.filter((s) => s.districtCode === district).map((s) => s.id));
    const carriersOf = plans.map((plan) => new Set(plan.routes.map((r) => r.carrierId)));
    const [north, south] = plans;
    for (const [plan, district] of [
      [north, NORTH],
      [south, SOUTH],
    ] as const) {
      expect(plan?.routes.length).toBeGreaterThan(0);
      for (const route of plan?.routes ?? [])
        expect(shiftsOf(district).has(route.shiftId ?? '')).toBe(true);
    }
    const [a = new Set(), b = new Set()] = carriersOf;
    expect([...a].filter((carrier) => b.has(carrier))).toEqual([]);

    // Publishing one district's plan leaves the other district's published plan standing.
    for (const plan of plans) {
      await h.bus.request(
        publishPlan,
        { planId: plan.id, expectedVersion: plan.version },
        { actor: dispatcher },
      );
    }
    const heads = await h.db.selectFrom('plans').select(['id', 'status']).execute();
    expect(heads.map((p) => p.status).sort()).toEqual(['published', 'published']);

    // A whole-area plan covers both districts: publishing it replaces them.
    const whole = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 1 },
      { actor: dispatcher },
    );
    const done = await watchRun(h.bus, { runId: whole.id, done: finished });
    const wholePlan = await h.bus.request(
      getPlan,
      { planId: done[done.length - 1]?.planId ?? '' },
      { actor: dispatcher },
    );
    // Every shift of the day serves a whole-area run, with or without a district; each
    // district run had its three.
    const vehicles = await h.db
      .selectFrom('planning_runs')
      .select(['id', 'district_codes', 'input'])
      .execute();
    const sizes = vehicles.map((r) => [
      r.district_codes.join(),
      (r.input as { vehicles: unknown[] }).vehicles.length,
    ]);
    expect(sizes.sort()).toEqual([
      ['', 7],
      [NORTH, 3],
      [SOUTH, 3],
    ]);
    await h.bus.request(
      publishPlan,
      { planId: wholePlan.id, expectedVersion: wholePlan.version },
      { actor: dispatcher },
    );
    const after = await h.bus.request(getPublishedPlan, { date: city.date }, { actor: dispatcher });
    expect(after.plan?.id).toBe(wholePlan.id);
    const statuses = await h.db.selectFrom('plans').select('status').execute();
    expect(statuses.map((p) => p.status).sort()).toEqual(['published', 'superseded', 'superseded']);
  }, 60_000);
});

describe('a roster naming no district', () => {
  it('should plan a district run with every shift of the day, and say so in the run notes', async () => {
    await using h = await startDispatch({ service: { heartbeatMs: 100, pollMs: 100, seed: 4 } });
    const city = generateCity({ orders: 12, carriers: 3, seed: 8 });
    await serveNeighbours(h.bus, city);
    await seedCity(h.bus, city);
    const run = await h.bus.request(
      startPlanningRun,
      { date: city.date, districtCodes: ['4514000000'], timeLimitSeconds: 1 },
      { actor: dispatcher },
    );
    const seen = await watchRun(h.bus, { runId: run.id, done: finished });
    const last = seen[seen.length - 1];
    expect(last?.status).toBe('succeeded');
    expect(last?.notes).toContainEqual(expect.stringContaining('names its district'));
    const stored = await h.db
      .selectFrom('planning_runs')
      .select('input')
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    expect((stored.input as { vehicles: unknown[] }).vehicles).toHaveLength(3);
  });
});
