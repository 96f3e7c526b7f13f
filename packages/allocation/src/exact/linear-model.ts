import type { CompiledProblem } from '../problem/model.js';
import { SourceFinder } from '../construction/source-finder.js';
import { mismatch, MISMATCH } from '../problem/compatibility.js';

/**
 * The allocation model as a linear program, ready for any LP/MIP solver (the bench passes it
 * to HiGHS): maximise `colCost · x` subject to `rowLower ≤ A x ≤ rowUpper`,
 * `colLower ≤ x ≤ colUpper`, with `A` in compressed sparse columns.
 *
 * Columns: one `x[j,s]` per compatible pair (units of source s to need j, integer), then one
 * `y[d,k]` per district and fairness band (weighted units served in that band, continuous).
 * Rows: per need `Σ_s x[j,s] ≤ q_j`; per source `Σ_j x[j,s] ≤ Q_s`; per district
 * `Σ_{j∈d} w_j x[j,s] − Σ_k y[d,k] = 0`.
 */
export interface LinearModel {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** 1 for integer columns (the `x`), 0 for continuous ones. */
  readonly integrality: Int32Array;
  /** Need and source of each `x` column; the first `pairCount` columns are the `x`. */
  readonly pairNeed: Int32Array;
  readonly pairSource: Int32Array;
  readonly pairCount: number;
}

/** Builds the {@link LinearModel} of a compiled problem (every compatible need-source pair). */
export function buildLinearModel(model: CompiledProblem): LinearModel {
  const finder = new SourceFinder(model, model.sourceQuantity);
  const needs: number[] = [];
  const sources: number[] = [];
  for (let j = 0; j < model.needCount; j++) {
    const bucket = model.needBucket[j] ?? 0;
    const end = model.bucketStart[bucket + 1] ?? 0;
    for (let i = model.bucketStart[bucket] ?? 0; i < end; i++) {
      const s = model.bucketSources[i] ?? 0;
      if ((model.sourceQuantity[s] ?? 0) > 0 && mismatch(model, j, s) === MISMATCH.none) {
        needs.push(j);
        sources.push(s);
      }
    }
  }
  const pairs = needs.length;
  const districts = model.districtDemand.length;
  const bands = model.penalties.length;
  const numCols = pairs + districts * bands;
  const n = model.needCount;
  const m = model.sourceCount;
  const numRows = n + m + districts;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const integrality = new Int32Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(pairs * 3 + districts * bands);
  const values = new Float64Array(indices.length);
  let nz = 0;
  for (let e = 0; e < pairs; e++) {
    const j = needs[e] ?? 0;
    const s = sources[e] ?? 0;
    const weight = model.needWeight[j] ?? 0;
    colCost[e] = weight + finder.score(j, s);
    colUpper[e] = Math.min(model.needQuantity[j] ?? 0, model.sourceQuantity[s] ?? 0);
    integrality[e] = 1;
    indices[nz] = j;
    values[nz++] = 1;
    indices[nz] = n + s;
    values[nz++] = 1;
    indices[nz] = n + m + (model.needDistrict[j] ?? 0);
    values[nz++] = weight;
    starts[e + 1] = nz;
  }
  for (let d = 0; d < districts; d++) {
    for (let k = 0; k < bands; k++) {
      const col = pairs + d * bands + k;
      colCost[col] = -(model.penalties[k] ?? 0);
      colUpper[col] = (model.districtDemand[d] ?? 0) / bands;
      indices[nz] = n + m + d;
      values[nz++] = -1;
      starts[col + 1] = nz;
    }
  }
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows);
  rowUpper.set(model.needQuantity, 0);
  rowUpper.set(model.sourceQuantity, n);
  rowLower.fill(0, n + m);
  return {
    numCols,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
    integrality,
    pairNeed: Int32Array.from(needs),
    pairSource: Int32Array.from(sources),
    pairCount: pairs,
  };
}
