import { describe, expect, it } from 'vitest';

import type { RoutingProblemInput } from '@anbu/contracts/routing';

import { parseProblem } from './problem/parse.js';
import { solve } from './solve.js';
import { checkSolution } from './validation/check.js';

const plane = { geometry: 'euclidean' as const, speeds: { car: 1 } };

describe('solve', () => {
  it('should leave the least urgent job out when not everything fits', () => {
    const problem = parseProblem({
      jobs: [
        { id: 1, location: [1, 0], delivery: [3], priority: 0 },
        { id: 2, location: [50, 0], delivery: [3], priority: 5 },
      ],
      vehicles: [{ id: 1, start: [0, 0], end: [0, 0], capacity: [4] }],
      options: plane,
    });
    const solution = solve(problem, { seed: 1, iterations: 30 });
    expect(solution.unassigned).toEqual([{ id: 1, type: 'job', reason: 'capacity' }]);
  });

  it('should serve each shipment pickup first on one vehicle, and open routes end at their last stop', () => {
    const problem = parseProblem({
      shipments: Array.from({ length: 4 }, (_, i) => ({
        pickup: { id: 10 + 2 * i, location: [10 * i, 5] as [number, number] },
        delivery: { id: 11 + 2 * i, location: [10 * i + 5, -5] as [number, number] },
        amount: [1],
      })),
      vehicles: [{ id: 1, start: [0, 0], capacity: [2] }, { id: 2, start: [30, 0], capacity: [2] }],
      options: plane,
    });
    const solution = solve(problem, { seed: 2, iterations: 100 });
    expect(checkSolution(problem, solution).violations).toEqual([]);
    expect(solution.unassigned).toEqual([]);
    for (const route of solution.routes) {
      expect(route.steps.at(-1)?.type).toBe('end');
      expect(route.steps.at(-1)?.locationIndex).toBeUndefined();
    }
  });

  it('should need a single vehicle under the vehicles objective when one can serve everything', () => {
    const jobs = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      location: [Math.cos((i * Math.PI) / 6) * 20, Math.sin((i * Math.PI) / 6) * 20] as [number, number],
    }));
    const vehicles = Array.from({ length: 6 }, (_, i) => ({ id: i + 1, start: [0, 0] as [number, number], end: [0, 0] as [number, number] }));
    const input = (objective: 'cost' | 'vehicles'): RoutingProblemInput => ({ jobs, vehicles, options: { ...plane, objective } });
    const byVehicles = solve(parseProblem(input('vehicles')), { seed: 1, iterations: 300 });
    expect(byVehicles.summary.vehicles).toBe(1);
    expect(byVehicles.unassigned).toEqual([]);
  });

  it('should prefer the carrier who visited before when continuity has a cost', () => {
    const problem = parseProblem({
      jobs: [{ id: 1, location: [10, 0], preferredVehicles: [2] }],
      vehicles: [{ id: 1, start: [9, 0], end: [9, 0] }, { id: 2, start: [0, 0], end: [0, 0] }],
      options: { ...plane, continuityCost: 100 },
    });
    expect(solve(problem, { seed: 1, iterations: 20 }).routes.map((r) => r.vehicle)).toEqual([2]);
  });

  it('should stop on abort and report progress with the best plan', () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const problem = parseProblem({
      jobs: Array.from({ length: 30 }, (_, i) => ({ id: i + 1, location: [i % 7, Math.floor(i / 7)] as [number, number] })),
      vehicles: [{ id: 1, start: [0, 0] }],
      options: plane,
    });
    const solution = solve(problem, {
      seed: 1,
      iterations: 1_000_000,
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.iterations);
        if (p.iterations >= 50) controller.abort();
      },
    });
    expect(solution.summary.iterations).toBeLessThan(1000);
    expect(seen.length).toBeGreaterThan(2);
    expect(solution.unassigned).toEqual([]);
  });

  it('should report a compile phase first, before any plan exists', () => {
    const phases: string[] = [];
    const problem = parseProblem({
      jobs: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, location: [i % 5, Math.floor(i / 5)] as [number, number] })),
      vehicles: [{ id: 1, start: [0, 0] }],
      options: plane,
    });
    solve(problem, { seed: 1, iterations: 30, progressIntervalMs: 0, onProgress: (p) => phases.push(p.phase) });
    expect(phases[0]).toBe('compile');
    expect(phases.at(-1)).toBe('done');
    expect(phases.indexOf('construction')).toBeGreaterThan(0);
  });
});
