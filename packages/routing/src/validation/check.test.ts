import { describe, expect, it } from 'vitest';

import type { RoutingSolution } from '@anbu/contracts/routing';

import { parseProblem } from '../problem/parse.js';
import { solve } from '../solve.js';
import { checkSolution } from './check.js';

const problem = parseProblem({
  jobs: [
    { id: 1, location: [10, 0], delivery: [4], timeWindows: [[0, 50]] },
    { id: 2, location: [20, 0], delivery: [4], timeWindows: [[0, 100]] },
    { id: 3, location: [0, 10], delivery: [4] },
  ],
  shipments: [{ pickup: { id: 10, location: [5, 5] }, delivery: { id: 11, location: [15, 5] }, amount: [2] }],
  vehicles: [{ id: 7, start: [0, 0], end: [0, 0], capacity: [10] }, { id: 8, start: [0, 0], capacity: [10] }],
  options: { geometry: 'euclidean', speeds: { car: 1 } },
});

const tamper = (s: RoutingSolution, f: (copy: RoutingSolution) => void): RoutingSolution => {
  const copy = structuredClone(s);
  f(copy);
  return copy;
};

describe('checkSolution', () => {
  const solution = solve(problem, { seed: 1, iterations: 50 });

  it('should accept the solver plan and recompute its cost', () => {
    const report = checkSolution(problem, solution);
    expect(report.violations).toEqual([]);
    expect(report.cost).toBeCloseTo(solution.summary.cost, 9);
    expect(solution.unassigned).toEqual([]);
  });

  it('should catch a task served twice, a lost task and a wrong cost', () => {
    const twice = tamper(solution, (c) => {
      const step = c.routes[0]?.steps.find((s) => s.type === 'job');
      if (step) c.routes[1]?.steps.splice(1, 0, step);
    });
    expect(checkSolution(problem, twice).violations.some((v) => v.includes('served 2 times'))).toBe(true);
    const lost = tamper(solution, (c) => {
      for (const r of c.routes) r.steps = r.steps.filter((s) => s.id !== 3);
    });
    expect(checkSolution(problem, lost).violations).toContain('task job:3: neither served nor unassigned');
    const cost = tamper(solution, (c) => (c.summary.cost += 1));
    expect(checkSolution(problem, cost).feasible).toBe(false);
  });

  it('should catch a delivery before its pickup', () => {
    const swapped = tamper(solution, (c) => {
      for (const r of c.routes) {
        const p = r.steps.findIndex((s) => s.type === 'pickup');
        const d = r.steps.findIndex((s) => s.type === 'delivery');
        if (p >= 0 && d >= 0) [r.steps[p], r.steps[d]] = [r.steps[d]!, r.steps[p]!];
      }
    });
    expect(checkSolution(problem, swapped).violations.some((v) => v.endsWith('precedence'))).toBe(true);
  });
});
