import { readFileSync, writeFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseProblem } from './problem/parse.js';
import { solve } from './solve.js';
import { checkSolution } from './validation/check.js';

const dir = new URL('./testing/golden/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

describe('solve (golden)', () => {
  it('should reproduce the stored plan for the fixed instance, seed and iteration count', () => {
    const problem = parseProblem(read('small-problem.json'));
    const solution = solve(problem, { seed: 42, iterations: 300 });
    const plan = { routes: solution.routes, unassigned: solution.unassigned, cost: solution.summary.cost };
    // UPDATE_GOLDEN=1 rewrites the stored plan after a deliberate change of the search.
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(new URL('small-plan.json', dir), `${JSON.stringify(plan, null, 2)}\n`);
    }
    expect(checkSolution(problem, solution).violations).toEqual([]);
    expect(plan).toEqual(read('small-plan.json'));
  });
});
