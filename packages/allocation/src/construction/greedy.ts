import type { CompiledProblem } from '../problem/model.js';
import { unitsToNextBand, unitValue } from '../solution/fairness.js';
import type { Plan } from '../solution/plan.js';
import { NeedHeap } from './need-heap.js';
import type { SourceFinder } from './source-finder.js';

/**
 * Priority greedy: repeatedly serves the need with the highest value of one more unit
 * (weight less its district's fairness penalty) from its best source, up to the next fairness
 * band of its district. Keys only fall, so stale heap entries are re-keyed when popped
 * (lazy greedy).
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
    if ((model.bucketStart[bucket + 1] ?? 0) > (model.bucketStart[bucket] ?? 0)) {
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
