import { mismatch, MISMATCH } from '../problem/compatibility.js';
import type { CompiledProblem } from '../problem/model.js';
import type { SourceFinder } from '../construction/source-finder.js';
import { districtPenalty } from '../solution/fairness.js';
import type { Plan } from '../solution/plan.js';

/** Records of a depleted source looked at per unmet need; bounds the pass on large runs. */
export const DEFAULT_SHIFT_RECORDS = 32;

/**
 * Shift moves for needs the greedy left short: when a source `s` that need `j` may use is
 * exhausted by a need `k` that could have used another source `t`, move `k`'s units to `t` and
 * give the freed units of `s` to `j` (an augmenting path of length two). Applied only when the
 * exact change of the objective is positive. Restricted needs (allergies, diets, donor
 * restrictions) gain most: the greedy does not look ahead for them.
 */
export function shiftPass(options: {
  model: CompiledProblem;
  plan: Plan;
  finder: SourceFinder;
  maxRecords?: number;
}): number {
  const { model, plan, finder, maxRecords = DEFAULT_SHIFT_RECORDS } = options;
  const bucketStock = new Float64Array(model.bucketStart.length);
  for (let s = 0; s < model.sourceCount; s++) {
    const b = model.sourceBucket[s] ?? 0;
    bucketStock[b] = (bucketStock[b] ?? 0) + (plan.remainingSource[s] ?? 0);
  }
  const short: number[] = [];
  for (let j = 0; j < model.needCount; j++) {
    if ((plan.remainingNeed[j] ?? 0) > 0 && (bucketStock[model.needBucket[j] ?? 0] ?? 0) > 0) {
      short.push(j);
    }
  }
  short.sort((a, b) => (model.needWeight[b] ?? 0) - (model.needWeight[a] ?? 0) || a - b);
  // A need with no alternative source stays without one: the pass only consumes stock.
  const stuck = new Uint8Array(model.needCount);
  let moved = 0;
  for (const j of short) {
    const bucket = model.needBucket[j] ?? 0;
    let budget = maxRecords;
    const end = model.bucketStart[bucket + 1] ?? 0;
    for (let i = model.bucketStart[bucket] ?? 0; i < end && budget > 0; i++) {
      if ((plan.remainingNeed[j] ?? 0) === 0 || (bucketStock[bucket] ?? 0) <= 0) break;
      const s = model.bucketSources[i] ?? 0;
      if ((plan.remainingSource[s] ?? 0) > 0 || mismatch(model, j, s) !== MISMATCH.none) continue;
      for (let r = plan.firstOfSource[s] ?? -1; r >= 0 && budget > 0; r = plan.nextOfSource(r)) {
        budget--;
        const k = plan.needOf(r);
        if (k === j || plan.quantityOf(r) === 0 || stuck[k] === 1) continue;
        const t = finder.find(k, s);
        if (t < 0) {
          stuck[k] = 1;
          continue;
        }
        const units = Math.min(
          plan.quantityOf(r),
          plan.remainingNeed[j] ?? 0,
          plan.remainingSource[t] ?? 0,
        );
        if (gain({ model, plan, finder, move: { j, k, s, t, units } }) <= 0) continue;
        plan.take(r, units);
        plan.add(k, t, units);
        plan.add(j, s, units);
        bucketStock[bucket] = (bucketStock[bucket] ?? 0) - units;
        moved += units;
        if ((plan.remainingNeed[j] ?? 0) === 0) break;
      }
    }
  }
  return moved;
}

/** Exact objective change of moving `units` of `k` from `s` to `t` and giving them to `j`. */
function gain(options: {
  model: CompiledProblem;
  plan: Plan;
  finder: SourceFinder;
  move: { j: number; k: number; s: number; t: number; units: number };
}): number {
  const { model, plan, finder, move } = options;
  const { j, k, s, t, units } = move;
  const unitGain =
    (model.needWeight[j] ?? 0) + finder.score(j, s) + finder.score(k, t) - finder.score(k, s);
  const d = model.needDistrict[j] ?? 0;
  const served = plan.districtServed[d] ?? 0;
  const extra = units * (model.needWeight[j] ?? 0);
  return (
    units * unitGain - (districtPenalty(model, d, served + extra) - districtPenalty(model, d, served))
  );
}
