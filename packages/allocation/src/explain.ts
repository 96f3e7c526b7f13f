import type {
  AllocationMatchSource,
  AllocationProblem,
  AllocationSolution,
  ExplainedReason,
  MatchExplanation,
  ShortfallExplanation,
} from '@anbu/contracts/allocation';
import { ALLERGENS } from '@anbu/contracts';

import type { CompiledProblem } from './problem/model.js';
import { SourceFinder } from './construction/source-finder.js';
import { dayNumber } from './problem/calendar.js';
import { mismatch, MISMATCH } from './problem/compatibility.js';
import { compileProblem } from './problem/compile.js';
import { bandOf } from './solution/fairness.js';
import { sourceRef } from './solve.js';
import { checkSolution } from './validation/check.js';

/** Why every match was made and why every shortfall is left. */
export interface AllocationExplanation {
  readonly matches: readonly MatchExplanation[];
  readonly shortfalls: readonly ShortfallExplanation[];
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * Explains a solution to a caseworker: for each match, the rules that chose it (category,
 * first-expiring lot or kitchen day, risk, waiting time, depot distance); for each shortfall,
 * what stood in the way (no stock, storage class, expiry before the deadline, diet, allergens,
 * donor restrictions, or stock used by higher priorities / the fairness cap). Codes and params
 * are for programs and translations; `message` is English.
 */
export function explainAllocation(options: {
  problem: AllocationProblem;
  solution: AllocationSolution;
  /** Explain only these needs (a caseworker's question about one household); default all. */
  needIds?: readonly string[];
}): AllocationExplanation {
  const { problem, solution } = options;
  const only = options.needIds === undefined ? undefined : new Set(options.needIds);
  const wanted = (needId: string) => only === undefined || only.has(needId);
  const model = compileProblem(problem);
  const { remaining } = checkSolution(problem, solution);
  const finder = new SourceFinder(model, remaining);
  const needIndex = new Map(problem.needs.map((need, j) => [need.id, j]));
  const districts = model.districtDemand.length;
  const served = new Float64Array(districts);
  // Lowest weight served per bucket and district: a short need lost to fairness when a
  // lighter need of another district was served from its kind of stock.
  const lightestServed = new Float64Array((model.bucketStart.length - 1) * districts).fill(
    Infinity,
  );
  for (const match of solution.matches) {
    const j = needIndex.get(match.needId) ?? 0;
    const d = model.needDistrict[j] ?? 0;
    const weight = model.needWeight[j] ?? 0;
    served[d] = (served[d] ?? 0) + match.quantity * weight;
    const at = (model.needBucket[j] ?? 0) * districts + d;
    lightestServed[at] = Math.min(lightestServed[at] ?? Infinity, weight);
  }
  const sourceIndex = indexSources(model);
  const matches = solution.matches
    .filter((m) => wanted(m.needId))
    .map((match): MatchExplanation => {
      const j = needIndex.get(match.needId) ?? 0;
      const need = problem.needs[j];
      const reasons: ExplainedReason[] = [
        {
          code: 'category_match',
          params: { category: need?.category ?? '', unit: need?.unit ?? '' },
          message: `same category and unit (${need?.category ?? ''}, ${need?.unit ?? ''})`,
        },
      ];
      if (match.source.kind === 'kitchen') {
        reasons.push({
          code: 'kitchen_capacity',
          params: { kitchenId: match.source.kitchenId, day: match.source.day },
          message: `cooked by kitchen ${match.source.kitchenId} on ${match.source.day}, the earliest day with free capacity`,
        });
      } else {
        const lot =
          problem.lots[model.sourceOrigin[sourceIndex.get(sourceKey(match.source)) ?? 0] ?? 0];
        if (lot?.expiresOn !== undefined) {
          reasons.push({
            code: 'first_expiring',
            params: { lotId: lot.id, expiresOn: lot.expiresOn },
            message: `the suitable lot that expires first (${lot.expiresOn}), delivered on ${match.deliveryDate}`,
          });
        }
      }
      reasons.push(...priorityReasons(model, j));
      const s = sourceIndex.get(sourceKey(match.source)) ?? -1;
      const km = s < 0 ? 0 : finder.distanceKm(j, s);
      reasons.push({
        code: 'nearest_depot',
        params: { depotId: match.source.depotId, distanceKm: round(km, 1) },
        message: `from depot ${match.source.depotId}, ${round(km, 1).toString()} km away (nearest among equally fresh stock)`,
      });
      return { needId: match.needId, source: match.source, quantity: match.quantity, reasons };
    });
  const shortfalls = solution.shortfalls
    .filter((s) => wanted(s.needId))
    .map((short): ShortfallExplanation => {
      const j = needIndex.get(short.needId) ?? 0;
      return {
        needId: short.needId,
        districtCode: problem.needs[j]?.districtCode ?? '',
        quantityMissing: short.quantityMissing,
        reasons: shortfallReasons({
          model,
          j,
          served,
          missing: short.quantityMissing,
          lostToFairness: lostToFairness({ model, j, served, lightestServed }),
        }),
      };
    });
  return { matches, shortfalls };
}

function priorityReasons(model: CompiledProblem, j: number): ExplainedReason[] {
  const need = model.problem.needs[j];
  if (need === undefined) return [];
  const reasons: ExplainedReason[] = [
    {
      code: 'priority_risk',
      params: {
        riskLevel: need.riskLevel,
        priority: need.priority,
        weight: round(model.needWeight[j] ?? 0),
      },
      message: `risk level ${need.riskLevel}, priority weight ${round(model.needWeight[j] ?? 0).toString()}`,
    },
  ];
  const days = model.day0 - dayNumber(need.waitingSince);
  if (days > 0) {
    reasons.push({
      code: 'waiting_time',
      params: { days },
      message: `waiting for ${String(days)} days`,
    });
  }
  return reasons;
}

/** A string key of a match source, unique per compiled source. */
function sourceKey(source: AllocationMatchSource): string {
  return source.kind === 'lot'
    ? `lot:${source.lotId}`
    : `kitchen:${source.kitchenId}:${source.day}`;
}

function indexSources(model: CompiledProblem): Map<string, number> {
  const index = new Map<string, number>();
  for (let s = 0; s < model.sourceCount; s++) index.set(sourceKey(sourceRef(model, s)), s);
  return index;
}

/** Whether need `j`'s district is past its first fairness band while a lighter need elsewhere got stock. */
function lostToFairness(options: {
  model: CompiledProblem;
  j: number;
  served: Float64Array;
  lightestServed: Float64Array;
}): boolean {
  const { model, j, served, lightestServed } = options;
  const d = model.needDistrict[j] ?? 0;
  if ((model.penalties[bandOf(model, d, served[d] ?? 0)] ?? 0) === 0) return false;
  const districts = model.districtDemand.length;
  const base = (model.needBucket[j] ?? 0) * districts;
  const weight = model.needWeight[j] ?? 0;
  for (let other = 0; other < districts; other++) {
    if (other !== d && (lightestServed[base + other] ?? Infinity) < weight) return true;
  }
  return false;
}

const STORAGE_NAMES = ['frozen', 'chilled', 'ambient'] as const;

/** Why need `j` is short: the first broken rule of every source of its kind, aggregated. */
function shortfallReasons(options: {
  model: CompiledProblem;
  j: number;
  served: Float64Array;
  missing: number;
  lostToFairness: boolean;
}): ExplainedReason[] {
  const { model, j, served, missing, lostToFairness } = options;
  const need = model.problem.needs[j];
  const category = need?.category ?? '';
  const bucket = model.needBucket[j] ?? 0;
  let seen = 0;
  let storages = 0;
  let allergens = 0;
  let compatibleUnits = 0;
  let restrictions = 0;
  for (let i = model.bucketStart[bucket] ?? 0; i < (model.bucketStart[bucket + 1] ?? 0); i++) {
    const s = model.bucketSources[i] ?? 0;
    if ((model.sourceQuantity[s] ?? 0) === 0) continue;
    const why = mismatch(model, j, s);
    seen |= 1 << why;
    storages |= 1 << (model.sourceStorage[s] ?? 0);
    if (why === MISMATCH.none) compatibleUnits += model.sourceQuantity[s] ?? 0;
    if (why === MISMATCH.allergen)
      allergens |= (model.sourceAllergens[s] ?? 0) & (model.needAllergens[j] ?? 0);
    if (why === MISMATCH.restriction) restrictions |= restrictionBits(model, j, s);
  }
  const has = (code: number) => (seen & (1 << code)) !== 0;
  if (seen === 0) {
    return [
      {
        code: 'no_stock',
        params: { category, unit: need?.unit ?? '' },
        message: `no stock of ${category} at all`,
      },
    ];
  }
  if (has(MISMATCH.none)) {
    const d = model.needDistrict[j] ?? 0;
    const rate = (served[d] ?? 0) / (model.districtDemand[d] ?? 1);
    const reasons: ExplainedReason[] = [
      {
        code: 'insufficient_quantity',
        params: { category, suitableUnits: compatibleUnits, missing },
        message: `only ${String(compatibleUnits)} suitable units of ${category} in stock, all allocated`,
      },
    ];
    reasons.push(
      lostToFairness
        ? {
            code: 'district_fairness',
            params: { districtCode: need?.districtCode ?? '', districtFillRate: round(rate, 3) },
            message: `fairness cap: district ${need?.districtCode ?? ''} is already ${round(rate * 100, 1).toString()}% served, other districts came first`,
          }
        : {
            code: 'lower_priority',
            params: { weight: round(model.needWeight[j] ?? 0) },
            message: 'the suitable stock went to households with higher priority',
          },
    );
    return reasons;
  }
  const reasons: ExplainedReason[] = [];
  if (has(MISMATCH.storage)) {
    const wanted = STORAGE_NAMES[model.needStorage[j] ?? 0] ?? '';
    reasons.push({
      code: 'storage_class_unavailable',
      params: {
        wanted,
        available: STORAGE_NAMES.filter((_, bit) => (storages & (1 << bit)) !== 0),
      },
      message: `no ${wanted} stock of ${category}`,
    });
  }
  if (has(MISMATCH.time)) {
    reasons.push({
      code: 'no_stock_before_deadline',
      params: { deliveryDate: need?.deliveryDate ?? '', deadline: need?.deadline ?? '' },
      message: `no stock of ${category} that is still good on delivery before the deadline ${need?.deadline ?? ''}`,
    });
  }
  if (has(MISMATCH.dietary)) {
    reasons.push({
      code: 'dietary_conflict',
      params: { dietaryTags: need?.dietaryTags ?? [] },
      message: `no stock suitable for: ${(need?.dietaryTags ?? []).join(', ')}`,
    });
  }
  if (has(MISMATCH.allergen)) {
    const names = ALLERGENS.filter((_, bit) => (allergens & (1 << bit)) !== 0);
    reasons.push({
      code: 'allergen_conflict',
      params: { allergens: names },
      message: `allergy: ${names.join(', ')}`,
    });
  }
  if (has(MISMATCH.restriction)) {
    const names = RESTRICTION_NAMES.filter((_, bit) => (restrictions & (1 << bit)) !== 0);
    reasons.push({
      code: 'donor_restriction',
      params: { restrictions: names },
      message: `donor restriction: ${names.join(', ')}`,
    });
  }
  return reasons;
}

const RESTRICTION_NAMES = ['children_only', 'districts', 'household_types'] as const;

/** Which donor restrictions of source `s` exclude need `j`, as bits of {@link RESTRICTION_NAMES}. */
function restrictionBits(model: CompiledProblem, j: number, s: number): number {
  let bits = 0;
  if (model.sourceChildrenOnly[s] === 1 && model.needChildren[j] !== 1) bits |= 1;
  if ((model.sourceDistrictStart[s + 1] ?? 0) > (model.sourceDistrictStart[s] ?? 0)) bits |= 2;
  const types = model.sourceTypeMask[s] ?? 0;
  if (types !== 0 && (types & (model.needTypeBit[j] ?? 0)) === 0) bits |= 4;
  return bits;
}
