import type { ItemCategory } from '@anbu/contracts';
import type { AllocationNeed, AllocationOptions } from '@anbu/contracts/allocation';

/**
 * Value of allocating a lot on its last possible day rather than after the expiry horizon,
 * per unit. Small against any need weight (≥ 1), so it orders lots, never needs.
 */
export const EXPIRY_BONUS = 0.01;

/** Categories that are eaten: dietary tags and allergens apply to them only. */
export const FOOD_CATEGORIES: ReadonlySet<ItemCategory> = new Set<ItemCategory>([
  'meal_box',
  'side_dishes',
  'check_in_drop',
  'rice_grain',
  'instant_food',
  'dry_food',
  'fresh_food',
  'frozen_food',
  'dairy',
  'beverage',
]);

/**
 * Weight of one unit of a need: `riskWeight × (1 + priority/100) × (1 + min(waiting, max)/max)`.
 * Risk doubles per level by default, filed priority and waiting time can each double it again.
 */
export function needWeight(options: {
  need: Pick<AllocationNeed, 'riskLevel' | 'priority'>;
  waitingDays: number;
  weights: AllocationOptions;
}): number {
  const { need, waitingDays, weights } = options;
  const max = weights.maxWaitingDays;
  const waiting = max === 0 ? 0 : Math.min(Math.max(waitingDays, 0), max) / max;
  return weights.riskWeights[need.riskLevel] * (1 + need.priority / 100) * (1 + waiting);
}

/**
 * First-expiring bonus per unit of a source with `daysToExpiry` days left, in a run whose
 * latest expiry is `expirySpan − 1` days away: linear from {@link EXPIRY_BONUS} (expires
 * today) down, falling `EXPIRY_BONUS / expirySpan` per day, and 0 for goods that never expire.
 * Every day earlier is strictly better, so the first-expiring suitable source always wins.
 */
export function expiryBonus(options: { daysToExpiry: number; expirySpan: number }): number {
  const { daysToExpiry, expirySpan } = options;
  if (!Number.isFinite(daysToExpiry)) return 0;
  return (EXPIRY_BONUS * (expirySpan - Math.max(daysToExpiry, 0))) / expirySpan;
}
