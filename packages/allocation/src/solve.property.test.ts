import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { checkConservation } from './conservation.js';
import { explainAllocation } from './explain.js';
import { mismatch, MISMATCH } from './problem/compatibility.js';
import { compileProblem } from './problem/compile.js';
import { solveAllocation } from './solve.js';
import { generateInstance } from './testing/generate.js';
import { independentViolations } from './testing/independent-check.js';
import { checkSolution } from './validation/check.js';

const instance = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    needs: fc.integer({ min: 1, max: 120 }),
    lots: fc.integer({ min: 0, max: 60 }),
    depots: fc.integer({ min: 1, max: 4 }),
    districts: fc.integer({ min: 1, max: 6 }),
    kitchens: fc.integer({ min: 0, max: 2 }),
    supplyRatio: fc.double({ min: 0.1, max: 2, noNaN: true }),
  })
  .map((options) => generateInstance(options));

describe('solveAllocation (properties)', () => {
  it('should never break a constraint, over-use a lot or over-serve a need', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const solution = solveAllocation(problem);
        expect(checkSolution(problem, solution).violations).toEqual([]);
        expect(independentViolations(problem, solution)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('should account for every unit of every lot (quantity = allocated + remaining)', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const solution = solveAllocation(problem);
        const { remaining } = checkSolution(problem, solution);
        problem.lots.forEach((lot, s) => {
          const allocated = solution.matches
            .filter((m) => m.source.kind === 'lot' && m.source.lotId === lot.id)
            .reduce((sum, m) => sum + m.quantity, 0);
          expect(allocated + (remaining[s] ?? 0)).toBe(lot.quantity);
          expect(
            checkConservation({
              received: lot.quantity,
              inStock: remaining[s] ?? 0,
              allocated,
              delivered: 0,
              writtenOff: 0,
            }),
          ).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('should never allocate a lot that expires before the delivery date', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const expiry = new Map(problem.lots.map((lot) => [lot.id, lot.expiresOn]));
        for (const match of solveAllocation(problem).matches) {
          if (match.source.kind !== 'lot') continue;
          const expiresOn = expiry.get(match.source.lotId);
          if (expiresOn !== undefined) expect(expiresOn >= match.deliveryDate).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('should leave no need short while a compatible source still has stock', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const solution = solveAllocation(problem);
        const model = compileProblem(problem);
        const { remaining } = checkSolution(problem, solution);
        const short = new Set(solution.shortfalls.map((s) => s.needId));
        problem.needs.forEach((need, j) => {
          if (!short.has(need.id)) return;
          for (let s = 0; s < model.sourceCount; s++) {
            if (model.sourceBucket[s] !== model.needBucket[j] || (remaining[s] ?? 0) === 0)
              continue;
            expect(mismatch(model, j, s)).not.toBe(MISMATCH.none);
          }
        });
      }),
      { numRuns: 80 },
    );
  });

  it('should give every shortfall at least one reason and every match a reason', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const solution = solveAllocation(problem);
        const explanation = explainAllocation({ problem, solution });
        expect(explanation.shortfalls).toHaveLength(solution.shortfalls.length);
        expect(explanation.matches).toHaveLength(solution.matches.length);
        for (const short of explanation.shortfalls) expect(short.reasons.length).toBeGreaterThan(0);
        for (const match of explanation.matches) expect(match.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('should be deterministic: the same input gives the same output', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const copy = structuredClone(problem);
        expect(solveAllocation(copy)).toEqual(solveAllocation(problem));
      }),
      { numRuns: 40 },
    );
  });
});

describe('solveAllocation (shape)', () => {
  it('should report each need-source pair at most once', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const keys = solveAllocation(problem).matches.map(
          (m) => `${m.needId}|${JSON.stringify(m.source)}`,
        );
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 60 },
    );
  });
});
