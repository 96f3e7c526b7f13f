import type { CompiledProblem } from '../problem/model.js';
import type { Plan } from '../solution/plan.js';
import type { SourceFinder } from './source-finder.js';
import { unitsToNextBand, unitValue } from '../solution/fairness.js';
import { NeedHeap } from './need-heap.js';

/**
 * Priority greedy: repeatedly serves the need with the highest value of one more unit
 * (weight less its district's fairness penalty) from its best source, up to the next fairness
 * band of its district. Keys only fall, so stale heap entries are re-keyed when popped
 * (lazy greedy). Starts from the plan as it is, so it also tops up needs after other moves.
 */
export function constructGreedy(options: {
  model: CompiledProblem;
  plan: Plan;
  finder: SourceFinder;
}): void {
  const { model, plan, finder } = options;
  const served = plan.districtServed;
  const heap = new NeedHeap(model.needCount);
  for (let j = 0; j < model.needCount; j++) {
    const bucket = model.needBucket[j] ?? 0;
    const hasSources = (model.bucketStart[bucket + 1] ?? 0) > (model.bucketStart[bucket] ?? 0);
    if (hasSources && (plan.remainingNeed[j] ?? 0) > 0) {
      heap.push(j, unitValue(model, j, served));
    }
  }
  while (heap.size > 0) {
    const key = heap.topKey;
    const j = heap.pop();
    const value = unitValue(model, j, served);
    if (value < key) {
      heap.push(j, value);
      continue;
    }
    const s = finder.find(j);
    if (s < 0) continue;
    const quantity = Math.min(
      plan.remainingNeed[j] ?? 0,
      plan.remainingSource[s] ?? 0,
      unitsToNextBand(model, j, served),
    );
    plan.add(j, s, quantity);
    if ((plan.remainingNeed[j] ?? 0) > 0) heap.push(j, unitValue(model, j, served));
  }
}
