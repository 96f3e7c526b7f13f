import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import type { LinearModel } from './linear-model.js';
import { compileProblem } from '../problem/compile.js';
import { solveCompiled, toSolution } from '../solve.js';
import { generateInstance } from '../testing/generate.js';
import { buildLinearModel } from './linear-model.js';

interface HighsModel {
  options: Record<string, unknown>;
  run(): unknown;
  getModelStatus(): unknown;
  getObjectiveValue(): number;
}
type HighsLoader = () => Promise<{
  withModel<R>(data: object, operation: (model: HighsModel) => R): R;
  constants: { objectiveSense: { maximize: unknown } };
  infinity: number;
}>;

async function solveExactly(linear: LinearModel, integer: boolean): Promise<number> {
  const highs = await (createRequire(import.meta.url)('highs') as HighsLoader)();
  const finite = (values: Float64Array) =>
    Float64Array.from(values, (v) =>
      Number.isFinite(v) ? v : v > 0 ? highs.infinity : -highs.infinity,
    );
  const data = {
    numCols: linear.numCols,
    numRows: linear.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: linear.colCost,
    colLower: linear.colLower,
    colUpper: linear.colUpper,
    rowLower: finite(linear.rowLower),
    rowUpper: finite(linear.rowUpper),
    matrix: {
      format: 'csc',
      numRows: linear.numRows,
      numCols: linear.numCols,
      starts: linear.starts,
      indices: linear.indices,
      values: linear.values,
    },
    ...(integer ? { integrality: linear.integrality } : {}),
  };
  return highs.withModel(data, (model) => {
    model.options['output_flag'] = false;
    model.run();
    return model.getObjectiveValue();
  });
}

/** The LP objective of the solver's own x, with each district's bands filled in order. */
function objectiveAt(linear: LinearModel, x: Float64Array, bands: number): number {
  let value = 0;
  for (let e = 0; e < linear.pairCount; e++) value += (linear.colCost[e] ?? 0) * (x[e] ?? 0);
  const districts = (linear.numCols - linear.pairCount) / bands;
  const served = new Float64Array(districts);
  for (let e = 0; e < linear.pairCount; e++) {
    const row = linear.indices[3 * e + 2] ?? 0;
    const d = row - (linear.numRows - districts);
    served[d] = (served[d] ?? 0) + (linear.values[3 * e + 2] ?? 0) * (x[e] ?? 0);
  }
  for (let d = 0; d < districts; d++) {
    let left = served[d] ?? 0;
    for (let k = 0; k < bands; k++) {
      const col = linear.pairCount + d * bands + k;
      const take = Math.min(left, linear.colUpper[col] ?? 0);
      value += (linear.colCost[col] ?? 0) * take;
      left -= take;
    }
  }
  return value;
}

describe('buildLinearModel', () => {
  it('should price the solver solution exactly as the solver does', () => {
    const problem = generateInstance({ seed: 7, needs: 300, lots: 80, districts: 5 });
    const model = compileProblem(problem);
    const solved = solveCompiled(model);
    const linear = buildLinearModel(model);
    const column = new Map<string, number>();
    for (let e = 0; e < linear.pairCount; e++)
      column.set(`${String(linear.pairNeed[e])}:${String(linear.pairSource[e])}`, e);
    const x = new Float64Array(linear.pairCount);
    for (let r = 0; r < solved.plan.count; r++) {
      const e = column.get(`${String(solved.plan.needOf(r))}:${String(solved.plan.sourceOf(r))}`);
      expect(e).toBeDefined();
      x[e ?? 0] = (x[e ?? 0] ?? 0) + solved.plan.quantityOf(r);
    }
    const metrics = toSolution(solved).metrics;
    expect(objectiveAt(linear, x, model.penalties.length)).toBeCloseTo(metrics.objective, 6);
  });

  it('should keep the solver within 1% of the exact optimum (HiGHS MIP) on small instances', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const problem = generateInstance({ seed, needs: 60, lots: 25, districts: 4, depots: 3 });
      const model = compileProblem(problem);
      const ours = toSolution(solveCompiled(model)).metrics.objective;
      const optimum = await solveExactly(buildLinearModel(model), true);
      expect(ours).toBeLessThanOrEqual(optimum + 1e-6);
      expect((optimum - ours) / optimum).toBeLessThan(0.01);
    }
  });
});
