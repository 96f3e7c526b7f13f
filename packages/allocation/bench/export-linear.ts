// Writes the linear model of one generated instance as raw arrays (for a native LP solver, see
// exact-native.py) with our solver's objective on it. Run after a build:
// `node bench/export-linear.ts <needs> <lots> <seed> <out-dir>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildLinearModel, compileProblem, solveCompiled, toSolution } from '@anbu/allocation';
import { generateInstance } from '@anbu/allocation/testing';

const [needs = 10_000, lots = 1_000, seed = 1] = process.argv.slice(2, 5).map(Number);
const out =
  process.argv[5] ?? `/tmp/allocation-lp-${String(needs)}x${String(lots)}-${String(seed)}`;
mkdirSync(out, { recursive: true });
const problem = generateInstance({ seed, needs, lots });
const compiled = compileProblem(problem);
const t0 = performance.now();
const ours = toSolution(solveCompiled(compileProblem(problem))).metrics.objective;
const solveMs = performance.now() - t0;
const linear = buildLinearModel(compiled);
const arrays = {
  colCost: linear.colCost,
  colLower: linear.colLower,
  colUpper: linear.colUpper,
  rowLower: linear.rowLower,
  rowUpper: linear.rowUpper,
  starts: linear.starts,
  indices: linear.indices,
  values: linear.values,
  integrality: linear.integrality,
};
for (const [name, array] of Object.entries(arrays)) {
  writeFileSync(
    join(out, `${name}.bin`),
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
  );
}
const meta = {
  needs,
  lots,
  seed,
  numCols: linear.numCols,
  numRows: linear.numRows,
  pairs: linear.pairCount,
  ours,
  solveMs,
};
writeFileSync(join(out, 'meta.json'), JSON.stringify(meta, null, 2));
console.info(JSON.stringify(meta));
