import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { UnassignedReasonSchema } from '@anbu/contracts/routing';

import { parseProblem } from './problem/parse.js';
import { solve } from './solve.js';
import { problemArbitrary } from './testing/arbitraries.js';
import { checkSolution } from './validation/check.js';

describe('solve (properties)', () => {
  it('should return plans that respect every constraint, with reasons and exact costs', () => {
    fc.assert(
      fc.property(problemArbitrary(), fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const problem = parseProblem(input);
        const solution = solve(problem, { seed, iterations: 60 });
        const report = checkSolution(problem, solution);
        expect(report.violations).toEqual([]);
        expect(report.cost).toBeCloseTo(solution.summary.cost, 6);
        for (const u of solution.unassigned) expect(UnassignedReasonSchema.safeParse(u.reason).success).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('should respect breaks, shifts and every constraint on break vehicles too', () => {
    fc.assert(
      fc.property(problemArbitrary({ breaks: true, maxJobs: 8 }), (input) => {
        const problem = parseProblem(input);
        const report = checkSolution(problem, solve(problem, { seed: 3, iterations: 40 }));
        expect(report.violations).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('should give the same plan for the same seed and iteration count', () => {
    fc.assert(
      fc.property(problemArbitrary({ maxJobs: 10 }), fc.integer({ min: 1, max: 50 }), (input, seed) => {
        const problem = parseProblem(input);
        const a = solve(problem, { seed, iterations: 40 });
        const b = solve(problem, { seed, iterations: 40 });
        expect(b.routes).toEqual(a.routes);
        expect(b.unassigned).toEqual(a.unassigned);
      }),
      { numRuns: 20 },
    );
  });
});
