// Allocation benchmark: seeded instances, the matcher's time, memory and figures, and the
// exact optimum of the same model from HiGHS where it can solve it. Writes bench/REPORT.md.
// Run `pnpm bench:allocation` from the root (builds first) or `pnpm bench` here after a build.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

import {
  buildLinearModel,
  compileProblem,
  explainAllocation,
  MISMATCH,
  mismatch,
  solveCompiled,
  toSolution,
} from '@anbu/allocation';
import { generateInstance } from '@anbu/allocation/testing';

interface CaseResult {
  needs: number;
  lots: number;
  seed: number;
  compileMs: number;
  solveMs: number;
  solveMsRuns: number[];
  /** Process CPU time (user + system) of the median-time run: less hurt by a busy machine. */
  solveCpuMs: number;
  greedyObjective: number;
  explainMs: number;
  shortfallsWithoutReason: number;
  peakRssMb: number;
  heapUsedMb: number;
  unitsAsked: number;
  unitsAllocated: number;
  weightedFillRate: number;
  fairnessSpread: number;
  minDistrictFillRate: number;
  unitsExpiringUnallocated: number;
  objective: number;
  exact?: ExactResult;
}

interface ExactResult {
  pairs: number;
  lpObjective?: number;
  lpSeconds?: number;
  lpStatus?: string;
  mipObjective?: number;
  mipBound?: number;
  mipSeconds?: number;
  mipStatus?: string;
}

const SIZES: readonly [number, number][] = [
  [1_000, 1_000],
  [10_000, 1_000],
  [100_000, 1_000],
  [1_000, 10_000],
  [10_000, 10_000],
  [100_000, 10_000],
  // Small enough for the exact MIP: a second shape beside 1k × 1k.
  [2_000, 500],
];
const SEEDS = [1, 2];
/** HiGHS solves the LP up to this many pairs and the MIP up to MIP_PAIRS (in one WASM thread). */
const LP_PAIRS = 150_000;
const MIP_PAIRS = 150_000;
const RUNS = 3;

type HighsLoader = () => Promise<{
  withModel<R>(data: object, operation: (model: HighsModel) => R): R;
  constants: {
    objectiveSense: { maximize: unknown };
    variableType: { continuous: number; integer: number };
  };
  infinity: number;
}>;
interface HighsModel {
  options: Record<string, unknown>;
  info: Record<string, unknown>;
  run(): unknown;
  getModelStatus(): unknown;
  getObjectiveValue(): number;
}

async function exact(needs: number, lots: number, seed: number): Promise<ExactResult> {
  const problem = generateInstance({ seed, needs, lots });
  const compiled = compileProblem(problem);
  const pairs = countPairs(compiled);
  if (pairs > LP_PAIRS) return { pairs };
  const linear = buildLinearModel(compiled);
  const result: ExactResult = { pairs: linear.pairCount };
  const require = createRequire(import.meta.url);
  const highs = await (require('highs') as HighsLoader)();
  const inf = (values: Float64Array) =>
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
    rowLower: inf(linear.rowLower),
    rowUpper: inf(linear.rowUpper),
    matrix: {
      format: 'csc',
      numRows: linear.numRows,
      numCols: linear.numCols,
      starts: linear.starts,
      indices: linear.indices,
      values: linear.values,
    },
  };
  const run = (integer: boolean) =>
    highs.withModel(integer ? { ...data, integrality: linear.integrality } : data, (model) => {
      model.options['output_flag'] = false;
      model.options['time_limit'] = 240;
      if (integer) model.options['mip_rel_gap'] = 1e-6;
      const started = performance.now();
      model.run();
      return {
        status: String(model.getModelStatus()),
        objective: model.getObjectiveValue(),
        bound: Number(model.info['mip_dual_bound'] ?? NaN),
        seconds: (performance.now() - started) / 1000,
      };
    });
  const lp = run(false);
  Object.assign(result, { lpObjective: lp.objective, lpSeconds: lp.seconds, lpStatus: lp.status });
  if (linear.pairCount <= MIP_PAIRS) {
    const mip = run(true);
    Object.assign(result, {
      mipObjective: mip.objective,
      mipBound: mip.bound,
      mipSeconds: mip.seconds,
      mipStatus: mip.status,
    });
  }
  return result;
}

/** Compatible need-source pairs (the LP's x columns), counted without building the model. */
function countPairs(model: ReturnType<typeof compileProblem>): number {
  let pairs = 0;
  for (let j = 0; j < model.needCount; j++) {
    const bucket = model.needBucket[j] ?? 0;
    const end = model.bucketStart[bucket + 1] ?? 0;
    for (let i = model.bucketStart[bucket] ?? 0; i < end; i++) {
      const s = model.bucketSources[i] ?? 0;
      if ((model.sourceQuantity[s] ?? 0) > 0 && mismatch(model, j, s) === MISMATCH.none) pairs++;
    }
  }
  return pairs;
}

function measure(needs: number, lots: number, seed: number): CaseResult {
  const problem = generateInstance({ seed, needs, lots });
  const solveMsRuns: number[] = [];
  const solveCpuRuns: number[] = [];
  let compileMs = 0;
  let solution = toSolution(solveCompiled(compileProblem(problem)));
  let greedyObjective = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const model = compileProblem(problem);
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const solved = solveCompiled(model);
    solution = toSolution(solved);
    const t2 = performance.now();
    const used = process.cpuUsage(cpu);
    solveCpuRuns.push((used.user + used.system) / 1000);
    compileMs = t1 - t0;
    solveMsRuns.push(t2 - t1);
  }
  greedyObjective = toSolution(solveCompiled(compileProblem(problem), { improve: false })).metrics
    .objective;
  const heapUsedMb = process.memoryUsage().heapUsed / 2 ** 20;
  const t3 = performance.now();
  const explanation = explainAllocation({ problem, solution });
  const explainMs = performance.now() - t3;
  const sorted = [...solveMsRuns].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return {
    needs,
    lots,
    seed,
    compileMs,
    solveMs: median,
    solveMsRuns,
    solveCpuMs: solveCpuRuns[solveMsRuns.indexOf(median)] ?? 0,
    greedyObjective,
    explainMs,
    shortfallsWithoutReason: explanation.shortfalls.filter((s) => s.reasons.length === 0).length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb,
    ...solution.metrics,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--case') {
    const [needs, lots, seed] = args.slice(1).map(Number) as [number, number, number];
    const result = measure(needs, lots, seed);
    if (args[4] === '--exact') result.exact = await exact(needs, lots, seed);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const only = args.includes('--quick') ? SIZES.slice(0, 1) : SIZES;
  const self = fileURLToPath(import.meta.url);
  const results: CaseResult[] = [];
  for (const [needs, lots] of only) {
    for (const seed of needs === 2_000 ? SEEDS.slice(0, 1) : SEEDS) {
      // The LP of 10k needs × 1k lots (740k pairs) did not finish in 16 minutes on the shared
      // machine, so HiGHS runs only where the pair count is below LP_PAIRS.
      const withExact = !args.includes('--no-exact');
      const out = execFileSync(
        process.execPath,
        [
          self,
          '--case',
          String(needs),
          String(lots),
          String(seed),
          ...(withExact ? ['--exact'] : []),
        ],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        },
      );
      const result = JSON.parse(out) as CaseResult;
      results.push(result);
      console.log(line(result));
    }
  }
  // Only a full run replaces the committed report.
  if (args.length > 0) return;
  writeFileSync(new URL('./REPORT.md', import.meta.url), renderReport(results));
  console.log('\nwrote bench/REPORT.md');
}

const f = (value: number, digits = 1) => value.toFixed(digits);
const pct = (value: number) => `${(value * 100).toFixed(2)}%`;

function gapOf(result: CaseResult): { reference: string; gap: string } {
  const e = result.exact;
  if (e?.mipObjective !== undefined && e.mipStatus === '7') {
    return {
      reference: `MIP ${f(e.mipObjective, 2)}`,
      gap: pct((e.mipObjective - result.objective) / e.mipObjective),
    };
  }
  if (e?.lpObjective !== undefined && e.lpStatus === '7') {
    return {
      reference: `LP ${f(e.lpObjective, 2)} (bound)`,
      gap: `≤ ${pct((e.lpObjective - result.objective) / e.lpObjective)}`,
    };
  }
  return { reference: e === undefined ? '—' : `too large (${String(e.pairs)} pairs)`, gap: '—' };
}

function line(r: CaseResult): string {
  const { reference, gap } = gapOf(r);
  return `${String(r.needs)} needs × ${String(r.lots)} lots (seed ${String(r.seed)}): solve ${f(r.solveMs)} ms wall, ${f(r.solveCpuMs)} ms CPU (compile ${f(r.compileMs)} ms), rss ${f(r.peakRssMb)} MB, fill ${pct(r.weightedFillRate)}, spread ${pct(r.fairnessSpread)}, objective ${f(r.objective, 2)} vs ${reference}: gap ${gap}`;
}

function renderReport(results: CaseResult[]): string {
  const rows = results.map((r) => {
    const { reference, gap } = gapOf(r);
    return `| ${String(r.needs)} | ${String(r.lots)} | ${String(r.seed)} | ${f(r.solveMs)} | ${f(r.solveCpuMs)} | ${f(r.compileMs)} | ${f(r.explainMs)} | ${f(r.peakRssMb)} | ${f(r.heapUsedMb)} | ${String(r.unitsAllocated)} / ${String(r.unitsAsked)} | ${pct(r.weightedFillRate)} | ${String(r.unitsExpiringUnallocated)} | ${pct(r.fairnessSpread)} (min ${pct(r.minDistrictFillRate)}) | ${f(r.objective, 2)} | ${f(r.greedyObjective, 2)} | ${reference} | ${gap} |`;
  });
  const exactRows = results
    .filter((r) => r.exact !== undefined)
    .map((r) => {
      const e = r.exact;
      return `| ${String(r.needs)} | ${String(r.lots)} | ${String(r.seed)} | ${String(e?.pairs ?? 0)} | ${e?.lpObjective === undefined ? '—' : `${f(e.lpObjective, 2)} (status ${e.lpStatus ?? ''}, ${f(e.lpSeconds ?? 0, 2)} s)`} | ${e?.mipObjective === undefined ? '—' : `${f(e.mipObjective, 2)} (status ${e.mipStatus ?? ''}, ${f(e.mipSeconds ?? 0, 2)} s)`} |`;
    });
  return `# Allocation benchmark

Generated by \`pnpm bench:allocation\` (\`packages/allocation/bench/run.ts\`) on ${new Date().toISOString().slice(0, 16)} UTC,
Node ${process.version}, ${String(cpus().length)} shared cores (${cpus()[0]?.model ?? ''}). **The machine is shared with other
helpers running builds and tests, so timings are noisy**; solve time is the median of ${String(RUNS)} runs in a fresh
process per case (CPU time of that run beside it), load average at the end
${loadavg()
  .map((l) => l.toFixed(1))
  .join(
    ' / ',
  )} (1 / 5 / 15 min) on ${String(cpus().length)} cores; peak RSS is that process's (it includes the generated instance and HiGHS when used).

Instances: \`generateInstance({ seed, needs, lots })\` — 24 districts, 8 depots, 3 kitchens (7 days),
8 lot kinds (some lots already expired), stock ≈ 70 % of the units asked, diets, allergies and donor restrictions.

- *solve* = priority greedy + augmenting-path pass + top-up greedy + conversion to the contract form (\`solveCompiled\` + \`toSolution\`);
  *compile* = problem → typed arrays (\`compileProblem\`); *explain* = reasons for every match and shortfall.
- *fill* = priority-weighted fill rate Σ wₙ·served / Σ wₙ·asked; *spread* = highest − lowest district weighted fill rate.
- *expiring* = lot units expiring within the 14-day horizon left unallocated (many are in lots that
  expired already or before any deadline, and so cannot be used).
- *objective* = the model's objective (README) for our solution; *greedy only* = without the augmenting-path pass;
  *gap* = (exact − ours) / exact. Against the LP relaxation it is an upper bound of the true gap.

| needs | lots | seed | solve ms | solve CPU ms | compile ms | explain ms | peak RSS MB | heap MB | units allocated / asked | fill | expiring | spread (min) | objective | greedy only | exact | gap |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

## Exact optimum (HiGHS ${'1.15.3'}, WebAssembly, one thread)

HiGHS status 7 = optimal. On these instances the LP relaxation is already integral (LP = MIP). The MIP is solved only up to ${String(MIP_PAIRS)} pairs and the LP up to ${String(LP_PAIRS)}.

| needs | lots | seed | pairs (x columns) | LP relaxation | MIP |
|---|---|---|---|---|---|
${exactRows.join('\n')}
`;
}

await main();
