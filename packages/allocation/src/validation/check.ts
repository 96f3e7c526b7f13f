import type { AllocationProblem, AllocationSolution } from '@anbu/contracts/allocation';

import { dayNumber } from '../problem/calendar.js';
import { deliveryDay, mismatch, MISMATCH } from '../problem/compatibility.js';
import { compileProblem } from '../problem/compile.js';
import { SOURCE_KIND } from '../problem/model.js';

/** What {@link checkSolution} found: an empty `violations` list means the solution is valid. */
export interface CheckReport {
  readonly violations: readonly string[];
  /** Units left per source (lots first, then kitchen days), after the matches. */
  readonly remaining: Int32Array;
}

/**
 * Checks a solution against its problem independently of how it was made: known needs and
 * sources, same bucket, no broken constraint (storage, expiry, diet, allergens, donor
 * restrictions), no source or need over-used, delivery day as computed, shortfalls exact.
 */
export function checkSolution(
  problem: AllocationProblem,
  solution: AllocationSolution,
): CheckReport {
  const model = compileProblem(problem);
  const violations: string[] = [];
  const needIndex = new Map(problem.needs.map((need, j) => [need.id, j]));
  const sourceIndex = new Map<string, number>();
  for (let s = 0; s < model.sourceCount; s++) {
    const origin = model.sourceOrigin[s] ?? 0;
    const key =
      model.sourceKind[s] === SOURCE_KIND.lot
        ? `lot:${problem.lots[origin]?.id ?? ''}`
        : `kitchen:${problem.kitchens[origin]?.id ?? ''}:${String(model.sourceFrom[s])}`;
    sourceIndex.set(key, s);
  }
  const remaining = model.sourceQuantity.slice();
  const missing = model.needQuantity.slice();
  for (const match of solution.matches) {
    const j = needIndex.get(match.needId);
    const key =
      match.source.kind === 'lot'
        ? `lot:${match.source.lotId}`
        : `kitchen:${match.source.kitchenId}:${String(dayNumber(match.source.day))}`;
    const s = sourceIndex.get(key);
    if (j === undefined || s === undefined) {
      violations.push(`unknown need or source in match ${match.needId} ← ${key}`);
      continue;
    }
    if (model.needBucket[j] !== model.sourceBucket[s])
      violations.push(`${match.needId}: wrong category or unit from ${key}`);
    const broken = mismatch(model, j, s);
    if (broken !== MISMATCH.none)
      violations.push(`${match.needId}: ${key} breaks constraint ${String(broken)}`);
    if (dayNumber(match.deliveryDate) !== deliveryDay(model, j, s))
      violations.push(`${match.needId}: wrong delivery date`);
    if (!(match.quantity > 0)) violations.push(`${match.needId}: non-positive quantity`);
    remaining[s] = (remaining[s] ?? 0) - match.quantity;
    missing[j] = (missing[j] ?? 0) - match.quantity;
  }
  remaining.forEach((left, s) => {
    if (left < 0) violations.push(`source ${String(s)} over-allocated by ${String(-left)}`);
  });
  missing.forEach((left, j) => {
    if (left < 0)
      violations.push(`need ${problem.needs[j]?.id ?? ''} over-served by ${String(-left)}`);
  });
  const reported = new Map(
    solution.shortfalls.map((short) => [short.needId, short.quantityMissing]),
  );
  problem.needs.forEach((need, j) => {
    if ((reported.get(need.id) ?? 0) !== Math.max(0, missing[j] ?? 0)) {
      violations.push(`need ${need.id}: shortfall reported wrong`);
    }
  });
  return { violations, remaining };
}
