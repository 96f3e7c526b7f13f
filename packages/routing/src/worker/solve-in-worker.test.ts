import { existsSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { RoutingProblemInput } from '@anbu/contracts/routing';

import { parseProblem } from '../problem/parse.js';
import { checkSolution } from '../validation/check.js';
import { defaultWorkerUrl, solveInWorker, solveSplit, splitByArea } from './index.js';

/** A seeded city-style problem around Seoul City Hall: jobs with windows, identical vans. */
function city(jobs: number, vehicles: number): RoutingProblemInput {
  let s = 12345;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
  const depot: [number, number] = [126.978, 37.5665];
  return {
    jobs: Array.from({ length: jobs }, (_, i) => ({
      id: i + 1,
      location: [depot[0] + (rnd() - 0.5) * 0.2, depot[1] + (rnd() - 0.5) * 0.15] as [number, number],
      service: 180,
      delivery: [1 + Math.floor(rnd() * 3)],
      timeWindows: [[0, 8 * 3600]] as [number, number][],
    })),
    vehicles: Array.from({ length: vehicles }, (_, i) => ({
      id: i + 1,
      start: depot,
      end: depot,
      capacity: [60],
      timeWindow: [0, 8 * 3600] as [number, number],
    })),
  };
}

// The worker runs the compiled script: `pnpm build` first (the package test script does).
describe.skipIf(!existsSync(defaultWorkerUrl()))('solveInWorker', () => {
  it('should plan in a worker thread and relay progress', async () => {
    const problem = parseProblem(city(60, 4));
    const seen: number[] = [];
    const run = solveInWorker(problem, { seed: 1, timeLimitMs: 600, progressIntervalMs: 100, onProgress: (p) => seen.push(p.elapsedMs) });
    const solution = await run.result;
    expect(checkSolution(problem, solution).violations).toEqual([]);
    expect(solution.unassigned).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('should stop early on abort and still return the best plan', async () => {
    const problem = parseProblem(city(60, 4));
    const controller = new AbortController();
    const started = Date.now();
    const run = solveInWorker(problem, { seed: 1, timeLimitMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const solution = await run.result;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(solution.routes.length).toBeGreaterThan(0);
  });

  it('should split by area and join plans that serve every job once', async () => {
    const problem = parseProblem(city(200, 8));
    const parts = splitByArea(problem, { parts: 2 });
    expect(parts.map((p) => p.jobs.length)).toEqual([100, 100]);
    expect(parts.map((p) => p.vehicles.length)).toEqual([4, 4]);
    const solution = await solveSplit(problem, { parts: 2, seed: 1, timeLimitMs: 800 });
    expect(checkSolution(problem, solution).violations).toEqual([]);
  });
});
