import type { AllocationProblem, AllocationSolution } from '@anbu/contracts/allocation';

import { FOOD_CATEGORIES } from '../problem/weights.js';

/**
 * The constraints re-checked on the contract objects, without the compiled model: a second
 * opinion for property tests. Returns one line per broken rule.
 */
export function independentViolations(
  problem: AllocationProblem,
  solution: AllocationSolution,
): string[] {
  const needs = new Map(problem.needs.map((need) => [need.id, need]));
  const lots = new Map(problem.lots.map((lot) => [lot.id, lot]));
  const kitchens = new Map(problem.kitchens.map((kitchen) => [kitchen.id, kitchen]));
  const broken: string[] = [];
  for (const match of solution.matches) {
    const need = needs.get(match.needId);
    const source =
      match.source.kind === 'lot'
        ? lots.get(match.source.lotId)
        : kitchens.get(match.source.kitchenId);
    if (need === undefined || source === undefined) {
      broken.push(`${match.needId}: unknown need or source`);
      continue;
    }
    const id = `${need.id} ← ${match.source.kind === 'lot' ? match.source.lotId : match.source.kitchenId}`;
    if (need.category !== source.category || need.unit !== source.unit)
      broken.push(`${id}: category`);
    if (need.storageClass !== undefined && need.storageClass !== source.storageClass)
      broken.push(`${id}: storage`);
    if (match.deliveryDate < need.deliveryDate || match.deliveryDate > need.deadline)
      broken.push(`${id}: delivery date`);
    if (match.deliveryDate < problem.date) broken.push(`${id}: delivery in the past`);
    if (
      'expiresOn' in source &&
      source.expiresOn !== undefined &&
      source.expiresOn < match.deliveryDate
    ) {
      broken.push(`${id}: expired on delivery`);
    }
    if (match.source.kind === 'kitchen' && match.deliveryDate < match.source.day)
      broken.push(`${id}: before cooking`);
    if (FOOD_CATEGORIES.has(need.category)) {
      if (!need.dietaryTags.every((tag) => source.suitableFor.includes(tag)))
        broken.push(`${id}: diet`);
      if (need.allergens.some((a) => source.allergens.includes(a))) broken.push(`${id}: allergen`);
    }
    const r = source.restrictions;
    if (r.householdTypes.length > 0 && !r.householdTypes.includes(need.householdType))
      broken.push(`${id}: household type`);
    if (r.districtCodes.length > 0 && !r.districtCodes.includes(need.districtCode))
      broken.push(`${id}: district`);
    if (r.childrenOnly && !need.childrenInHousehold) broken.push(`${id}: children only`);
  }
  return broken;
}
