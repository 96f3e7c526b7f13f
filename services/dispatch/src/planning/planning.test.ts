import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Plan } from '@anbu/contracts';
import { cancelPlanningRun, getPlan, listOrders, startPlanningRun } from '@anbu/contracts/rpc';
import { createTestLogger } from '@anbu/db/testing';

import type { DispatchHarness } from '../testing/harness.js';
import type { PlanningCity } from '../testing/planning-fixture.js';
import { dispatcher, startDispatch } from '../testing/harness.js';
import { generateCity, seedCity, serveNeighbours, watchRun } from '../testing/planning-fixture.js';
import { createPlanningRunner } from './planning-runner.js';

const finished = (run: { status: string }) =>
  run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled';

/** Every order is on exactly one route stop or in `unassigned` with a reason. */
function expectEveryOrderAccountedFor(plan: Plan, orderIds: readonly string[]): void {
  const routed = plan.routes.flatMap((r) => r.stops.map((s) => s.orderId));
  const left = plan.unassigned.map((u) => u.orderId);
  expect([...routed, ...left].sort()).toEqual([...orderIds].sort());
  for (const u of plan.unassigned) {
    expect(u.reason).toMatch(/^[a-z_]+$/);
    expect(u.message.length).toBeGreaterThan(0);
  }
}

describe('planning runs', () => {
  let h: DispatchHarness;
  let city: PlanningCity;
  let orderIds: string[];

  beforeAll(async () => {
    h = await startDispatch({ service: { heartbeatMs: 200, pollMs: 200, seed: 1 } });
    city = generateCity({ orders: 50, carriers: 5 });
    await serveNeighbours(h.bus, city);
    orderIds = await seedCity(h.bus, city);
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should list the created orders as the open pool', async () => {
    const page = await h.bus.request(
      listOrders,
      { statuses: ['open'], limit: 200 },
      { actor: dispatcher },
    );
    expect(page.items.map((o) => o.id).sort()).toEqual([...orderIds].sort());
  });

  it('should plan 50 orders with 5 carriers, recording progress on the way', async () => {
    const run = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 2 },
      { actor: dispatcher },
    );
    expect(run.status).toBe('queued');

    const seen = await watchRun(h.bus, { runId: run.id, done: finished });
    const last = seen[seen.length - 1];
    expect(last?.status).toBe('succeeded');
    // The runner gathered the problem and stored what it left out.
    expect(last?.notes).toEqual([expect.stringContaining('has no shift that day: skipped')]);
    // Progress was stored while the solver ran, not only at the end.
    const midway = seen.filter((r) => r.status === 'running' && r.progress.iterations > 0);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway[0]?.progress.bestCost).toBeGreaterThan(0);
    expect(last?.progress.fraction).toBe(1);
    expect(last?.progress.vehicles).toBeGreaterThan(0);

    const plan = await h.bus.request(
      getPlan,
      { planId: last?.planId ?? '' },
      { actor: dispatcher },
    );
    expectEveryOrderAccountedFor(plan, orderIds);
    const reasons = Object.fromEntries(plan.unassigned.map((u) => [u.orderId, u.reason]));
    expect(reasons[orderIds[49] ?? '']).toBe('skill');
    expect(reasons[orderIds[47] ?? '']).toBe('no_location');
    expect(reasons[orderIds[48] ?? '']).toBe('no_location');
    expect(plan.unassigned).toHaveLength(3);
    expect(plan.routes.length).toBeGreaterThan(0);
    expect(plan.routes.length).toBeLessThanOrEqual(5);
    for (const route of plan.routes) {
      expect(route.stops.map((s) => s.sequence)).toEqual(route.stops.map((_, i) => i));
      const etas = route.stops.map((s) => Date.parse(s.eta));
      expect(etas).toEqual([...etas].sort((a, b) => a - b));
      expect(route.distanceMeters).toBeGreaterThan(0);
      expect(route.load.boxes).toBeLessThanOrEqual(16);
    }
    expect(plan.totalDistanceMeters).toBe(
      plan.routes.reduce((sum, r) => sum + r.distanceMeters, 0),
    );
  });

  it('should stop a run when it is cancelled', async () => {
    const run = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 60 },
      { actor: dispatcher },
    );
    await watchRun(h.bus, { runId: run.id, done: (r) => r.status === 'running' });
    const started = Date.now();
    await h.bus.request(cancelPlanningRun, { runId: run.id }, { actor: dispatcher });
    const seen = await watchRun(h.bus, { runId: run.id, done: finished, timeoutMs: 10_000 });
    expect(seen[seen.length - 1]?.status).toBe('cancelled');
    expect(seen[seen.length - 1]?.planId).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('should answer a retried start (same idempotency key) with the run the first one created', async () => {
    const call = { actor: dispatcher, idempotencyKey: 'peak-day-district-1' };
    const input = { date: city.date, timeLimitSeconds: 1 };
    const first = await h.bus.request(startPlanningRun, input, call);
    const again = await h.bus.request(startPlanningRun, input, call);
    expect(again.id).toBe(first.id);
    const rows = await h.db
      .selectFrom('planning_runs')
      .select('id')
      .where('id', '=', first.id)
      .execute();
    expect(rows).toHaveLength(1);
    await watchRun(h.bus, { runId: first.id, done: finished });
  });

  it('should cancel a queued run at once', async () => {
    const replica = await startDispatch({ service: { runPlanning: false } });
    try {
      const neighbours = await serveNeighbours(replica.bus, city);
      await seedCity(replica.bus, city);
      const run = await replica.bus.request(
        startPlanningRun,
        { date: city.date, timeLimitSeconds: 5 },
        { actor: dispatcher },
      );
      const cancelled = await replica.bus.request(
        cancelPlanningRun,
        { runId: run.id },
        { actor: dispatcher },
      );
      expect(cancelled.status).toBe('cancelled');
      await neighbours.stop();
    } finally {
      await replica[Symbol.asyncDispose]();
    }
  });
});

async function leaseOf(h: DispatchHarness, runId: string) {
  return h.db
    .selectFrom('planning_runs')
    .select(['status', 'lease_owner', 'lease_expires_at'])
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
}

describe('planning run leases', () => {
  it('should let another runner take over a run whose runner died, once its lease expires', async () => {
    await using h = await startDispatch({ service: { runPlanning: false } });
    const city = generateCity({ orders: 50, carriers: 5, seed: 7 });
    await serveNeighbours(h.bus, city);
    const orderIds = await seedCity(h.bus, city);
    const log = createTestLogger();
    const leaseMs = 1_000;
    const first = createPlanningRunner({
      db: h.db,
      bus: h.bus,
      log,
      owner: 'replica-a',
      leaseMs,
      heartbeatMs: 100,
      pollMs: 100,
    });
    const run = await h.bus.request(
      startPlanningRun,
      { date: city.date, timeLimitSeconds: 3 },
      { actor: dispatcher },
    );
    await watchRun(h.bus, {
      runId: run.id,
      done: (r) => r.status === 'running' && r.progress.iterations > 0,
    });
    await first.halt();
    // The dead runner's lease still stands: the run is neither finished nor given back.
    const held = await leaseOf(h, run.id);
    expect(held).toMatchObject({ status: 'running', lease_owner: 'replica-a' });
    const expiresAt = held.lease_expires_at?.getTime() ?? 0;

    const second = createPlanningRunner({
      db: h.db,
      bus: h.bus,
      log,
      owner: 'replica-b',
      leaseMs,
      heartbeatMs: 100,
      pollMs: 100,
    });
    try {
      let takenAt = 0;
      while ((await leaseOf(h, run.id)).lease_owner !== 'replica-b') {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      takenAt = Date.now();
      // Replica b took the run only once replica a's lease had run out.
      expect(takenAt).toBeGreaterThanOrEqual(expiresAt);
      const seen = await watchRun(h.bus, { runId: run.id, done: finished });
      const last = seen[seen.length - 1];
      expect(last).toMatchObject({ status: 'succeeded', attempts: 2 });
      const plan = await h.bus.request(
        getPlan,
        { planId: last?.planId ?? '' },
        { actor: dispatcher },
      );
      expectEveryOrderAccountedFor(plan, orderIds);
    } finally {
      await second.stop();
    }
  });
});
