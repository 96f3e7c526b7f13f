import { describe, expect, it } from 'vitest';

import type { RoutingProblemInput } from '@anbu/contracts/routing';

import { InvalidProblemError } from '../errors.js';
import { compileProblem } from './compile.js';
import { parseProblem } from './parse.js';

const base = (): RoutingProblemInput => ({
  jobs: [
    { id: 1, location: [0, 0] },
    { id: 2, location: [1, 1] },
    { id: 3, location: [2, 2] },
    { id: 4, location: [3, 3] },
  ],
  vehicles: [{ id: 1, start: [0, 0], capacity: [10] }],
  options: { geometry: 'euclidean' },
});

function errorOf(input: unknown): InvalidProblemError {
  try {
    compileProblem(parseProblem(input));
  } catch (err) {
    if (err instanceof InvalidProblemError) return err;
    throw err;
  }
  throw new Error('expected an InvalidProblemError');
}

describe('problem validation', () => {
  it('should name the window whose end precedes its start', () => {
    const input = base();
    input.jobs = [...(input.jobs ?? [])];
    input.jobs[3] = { id: 4, location: [3, 3], timeWindows: [[200, 100]] };
    const err = errorOf(input);
    expect(err.message).toBe('jobs[3].timeWindows[0]: end 100 is before start 200');
    expect(err.path).toBe('jobs[3].timeWindows[0]');
    expect(err.name).toBe('InvalidProblemError');
  });

  it('should reject a matrix of the wrong size', () => {
    const err = errorOf({
      jobs: [{ id: 1, locationIndex: 1 }],
      vehicles: [{ id: 1, startIndex: 0 }],
      matrices: { car: { durations: [[0, 1], [1]] } },
    });
    expect(err.message).toBe('matrices.car.durations[1]: has 1 columns, expected 2');
  });

  it('should reject a location index outside the matrix', () => {
    const err = errorOf({
      jobs: [{ id: 1, locationIndex: 5 }],
      vehicles: [{ id: 1, startIndex: 0 }],
      matrices: { car: { durations: [[0, 1], [1, 0]] } },
    });
    expect(err.message).toBe('jobs[0].locationIndex: 5 is outside the 2×2 matrix');
  });

  it('should reject a vehicle profile without a matrix', () => {
    const err = errorOf({
      jobs: [{ id: 1, locationIndex: 1 }],
      vehicles: [{ id: 1, startIndex: 0, profile: 'bike' }],
      matrices: { car: { durations: [[0, 1], [1, 0]] } },
    });
    expect(err.path).toBe('vehicles[0].profile');
  });

  it('should reject amounts with the wrong number of dimensions', () => {
    const input = base();
    input.jobs = [{ id: 1, location: [0, 0], delivery: [1, 2] }];
    expect(errorOf(input).message).toBe('jobs[0].delivery: has 2 dimensions, vehicles have 1');
  });

  it('should reject duplicate job ids and missing locations', () => {
    const dup = base();
    dup.jobs = [{ id: 1, location: [0, 0] }, { id: 1, location: [1, 1] }];
    expect(errorOf(dup).message).toBe('jobs[1].id: duplicate job id 1');
    const missing = base();
    missing.jobs = [{ id: 1 }];
    expect(errorOf(missing).message).toBe('jobs[0].location: is required when no matrix is given');
  });

  it('should report schema errors with their field path', () => {
    const err = errorOf({ jobs: [{ id: 1, location: [0, 0], service: -5 }], vehicles: [{ id: 1 }] });
    expect(err.path).toBe('jobs[0].service');
    expect(errorOf({ jobs: [], vehicles: [] }).path).toBe('vehicles');
  });

  it('should leave a job no vehicle can serve unassigned with a reason instead of failing', async () => {
    const { solve } = await import('../solve.js');
    const input = base();
    input.jobs = [
      { id: 1, location: [1, 0], skills: [9] },
      { id: 2, location: [2, 0], delivery: [50] },
      { id: 3, location: [3, 0], timeWindows: [[0, 1]] },
      { id: 4, location: [4, 0] },
    ];
    const solution = solve(parseProblem(input), { iterations: 20 });
    expect(solution.unassigned).toEqual([
      { id: 1, type: 'job', reason: 'skill' },
      { id: 2, type: 'job', reason: 'capacity' },
      { id: 3, type: 'job', reason: 'time_window' },
    ]);
    expect(solution.routes[0]?.steps.map((s) => s.id)).toEqual([undefined, 4, undefined]);
  });
});
