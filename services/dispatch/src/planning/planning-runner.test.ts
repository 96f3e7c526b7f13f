import { describe, expect, it } from 'vitest';

import type { PlanningRun } from '@anbu/contracts';
import { cancelPlanningRun, getPlanningRun, startPlanningRun } from '@anbu/contracts/rpc';

import type { DispatchHarness } from '../testing/harness.js';
import type { PlanningRunner } from './planning-runner.js';
import { dispatcher, startDispatch } from '../testing/harness.js';
import { generateCity, seedCity, serveNeighbours } from '../testing/planning-fixture.js';
import { createPlanningRunner } from './planning-runner.js';

const finished = (run: PlanningRun) =>
  run.status === 'succeeded' || run.status === 'failed' || run.status === 'cancelled';

async function runsOf(h: DispatchHarness, ids: readonly string[]): Promise<PlanningRun[]> {
  return Promise.all(
    ids.map((runId) => h.bus.request(getPlanningRun, { runId }, { actor: dispatcher })),
  );
}

/**
 * Samples the runs every 50 ms until `done` holds for them (30 s at most on a loaded machine),
 * recording the most runs seen running at once and the most the runner held at once.
 */
async function follow(
  h: DispatchHarness,
  runner: PlanningRunner,
  ids: readonly string[],
  done: (runs: PlanningRun[]) => boolean,
): Promise<{ runs: PlanningRun[]; mostRunning: number; mostHeld: number }> {
  let mostRunning = 0;
  let mostHeld = 0;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const runs = await runsOf(h, ids);
    mostRunning = Math.max(mostRunning, runs.filter((r) => r.status === 'running').length);
    mostHeld = Math.max(mostHeld, runner.held().length);
    if (done(runs)) return { runs, mostRunning, mostHeld };
    if (Date.now() > deadline) {
      throw new Error(`runs still ${runs.map((r) => r.status).join(', ')} after 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a pool of planning workers', () => {
  it('should solve runs in parallel up to its size, queue the rest, and drop a cancelled queued run', async () => {
    await using h = await startDispatch({ service: { runPlanning: false } });
    const city = generateCity({ orders: 30, carriers: 4, seed: 11 });
    await serveNeighbours(h.bus, city);
    await seedCity(h.bus, city);
    const start = async () =>
      (
        await h.bus.request(
          startPlanningRun,
          { date: city.date, timeLimitSeconds: 3 },
          { actor: dispatcher },
        )
      ).id;
    // Four runs queued before the pool starts, oldest first: two start, two wait.
    const ids = [await start(), await start(), await start(), await start()];
    const [a = '', b = '', c = '', d = ''] = ids;
    const runner = createPlanningRunner({
      db: h.db,
      bus: h.bus,
      log: h.log,
      owner: 'replica-pool',
      workers: 2,
      heartbeatMs: 100,
      pollMs: 100,
    });
    try {
      const both = await follow(h, runner, ids, (runs) =>
        runs.slice(0, 2).every((r) => r.status === 'running'),
      );
      expect(both.runs.slice(2).map((r) => r.status)).toEqual(['queued', 'queued']);
      expect([...runner.held()].sort()).toEqual([a, b].sort());

      // A queued run is cancelled at once and never reaches a worker.
      const cancelled = await h.bus.request(cancelPlanningRun, { runId: c }, { actor: dispatcher });
      expect(cancelled.status).toBe('cancelled');

      const end = await follow(h, runner, ids, (runs) => runs.every(finished));
      const [ra, rb, rc, rd] = end.runs;
      expect(end.runs.map((r) => r.status)).toEqual([
        'succeeded',
        'succeeded',
        'cancelled',
        'succeeded',
      ]);
      expect(Math.max(both.mostRunning, end.mostRunning)).toBe(2);
      expect(Math.max(both.mostHeld, end.mostHeld)).toBeLessThanOrEqual(2);
      expect(rc?.attempts).toBe(0);
      expect(rc?.startedAt).toBeUndefined();
      expect(rc?.planId).toBeUndefined();
      // The queued run started only once a worker was free: after the first of a and b ended.
      const firstFree = Math.min(
        Date.parse(ra?.finishedAt ?? ''),
        Date.parse(rb?.finishedAt ?? ''),
      );
      expect(Date.parse(rd?.startedAt ?? '')).toBeGreaterThanOrEqual(firstFree);
      expect(rd?.attempts).toBe(1);
      expect(runner.held()).toEqual([]);
      expect(d).not.toBe(a);
    } finally {
      await runner.stop();
    }
  }, 120_000);

  it('should give every run it holds back to the queue when stopped', async () => {
    await using h = await startDispatch({ service: { runPlanning: false } });
    const city = generateCity({ orders: 30, carriers: 4, seed: 12 });
    await serveNeighbours(h.bus, city);
    await seedCity(h.bus, city);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await h.bus.request(
        startPlanningRun,
        { date: city.date, timeLimitSeconds: 30 },
        { actor: dispatcher },
      );
      ids.push(run.id);
    }
    const runner = createPlanningRunner({
      db: h.db,
      bus: h.bus,
      log: h.log,
      owner: 'replica-stopping',
      workers: 3,
      heartbeatMs: 100,
      pollMs: 100,
    });
    await follow(h, runner, ids, (runs) =>
      runs.every((r) => r.status === 'running' && r.progress.iterations > 0),
    );
    await runner.stop();
    const after = await runsOf(h, ids);
    expect(after.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    expect(runner.held()).toEqual([]);
  }, 120_000);
});
