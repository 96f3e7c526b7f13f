import type { CompiledProblem } from './model.js';

/**
 * Why a source cannot serve a need (0 = it can). Checked in this order, so the first broken
 * rule is the one reported.
 */
export const MISMATCH = {
  none: 0,
  /** The need asks for another storage class. */
  storage: 1,
  /** The source expires before the delivery day, or exists only after the deadline. */
  time: 2,
  /** Food not suitable for one of the household's diets. */
  dietary: 3,
  /** Food containing an allergen of the household. */
  allergen: 4,
  /** A donor restriction (household type, children only, district) excludes the household. */
  restriction: 5,
} as const;
export type Mismatch = (typeof MISMATCH)[keyof typeof MISMATCH];

/** The day a source's units would reach a need: its delivery day, or the day they exist. */
export function deliveryDay(model: CompiledProblem, need: number, source: number): number {
  return Math.max(model.needDelivery[need] ?? 0, model.sourceFrom[source] ?? 0);
}

/**
 * Whether source `s` may serve need `j` (same bucket assumed), as a {@link Mismatch}.
 * The hot path of the solver: reads typed arrays only.
 */
export function mismatch(model: CompiledProblem, j: number, s: number): Mismatch {
  const storage = model.needStorage[j] ?? -1;
  if (storage >= 0 && storage !== model.sourceStorage[s]) return MISMATCH.storage;
  const day = deliveryDay(model, j, s);
  if (day > (model.needDeadline[j] ?? 0) || (model.sourceExpiry[s] ?? 0) < day)
    return MISMATCH.time;
  if (model.needFood[j] === 1) {
    const diet = model.needDiet[j] ?? 0;
    if ((diet & (model.sourceDiet[s] ?? 0)) !== diet) return MISMATCH.dietary;
    if (((model.needAllergens[j] ?? 0) & (model.sourceAllergens[s] ?? 0)) !== 0) {
      return MISMATCH.allergen;
    }
  }
  return restrictionOk(model, j, s) ? MISMATCH.none : MISMATCH.restriction;
}

function restrictionOk(model: CompiledProblem, j: number, s: number): boolean {
  const types = model.sourceTypeMask[s] ?? 0;
  if (types !== 0 && (types & (model.needTypeBit[j] ?? 0)) === 0) return false;
  if (model.sourceChildrenOnly[s] === 1 && model.needChildren[j] !== 1) return false;
  const start = model.sourceDistrictStart[s] ?? 0;
  const end = model.sourceDistrictStart[s + 1] ?? 0;
  if (start === end) return true;
  const district = model.needDistrict[j];
  for (let k = start; k < end; k++) if (model.districtList[k] === district) return true;
  return false;
}
