import type { AllocationProblem } from '@anbu/contracts/allocation';

/** `sourceExpiry` of goods that never expire. */
export const NEVER = 0x3fffffff;

/** Kinds of source: a stock lot or one day of a kitchen. */
export const SOURCE_KIND = { lot: 0, kitchen: 1 } as const;

/**
 * An {@link AllocationProblem} compiled to flat typed arrays, indexed by need `j` and source
 * `s` (lots first, then one source per kitchen and day). Days are {@link dayNumber}s, sets are
 * bit masks over the contracts' enum lists, districts are indexes into `districtCodes`.
 */
export interface CompiledProblem {
  readonly problem: AllocationProblem;
  readonly day0: number;
  readonly needCount: number;
  readonly sourceCount: number;

  /** Bucket = category × unit; needs look for sources in their own bucket only. */
  readonly needBucket: Int32Array;
  readonly needQuantity: Int32Array;
  /** Weight of one unit (see `needWeight`). */
  readonly needWeight: Float64Array;
  readonly needDelivery: Int32Array;
  readonly needDeadline: Int32Array;
  /** Storage class index, or -1 for any. */
  readonly needStorage: Int8Array;
  /** 1 when the category is food (dietary tags and allergens apply). */
  readonly needFood: Uint8Array;
  readonly needDiet: Int32Array;
  readonly needAllergens: Int32Array;
  readonly needTypeBit: Int32Array;
  readonly needChildren: Uint8Array;
  readonly needDistrict: Int32Array;
  readonly needLat: Float64Array;
  readonly needLng: Float64Array;

  readonly sourceKind: Uint8Array;
  /** Index of the lot or kitchen the source comes from. */
  readonly sourceOrigin: Int32Array;
  readonly sourceDepot: Int32Array;
  readonly sourceBucket: Int32Array;
  readonly sourceStorage: Int8Array;
  readonly sourceQuantity: Int32Array;
  /** First day the units exist (the problem date for lots, the cooking day for kitchens). */
  readonly sourceFrom: Int32Array;
  /** Last day the units may be delivered, {@link NEVER} if they keep. */
  readonly sourceExpiry: Int32Array;
  /** Diets the source suits. */
  readonly sourceDiet: Int32Array;
  readonly sourceAllergens: Int32Array;
  /** Household types allowed, 0 for any. */
  readonly sourceTypeMask: Int32Array;
  readonly sourceChildrenOnly: Uint8Array;
  /** Allowed districts are `districtList[districtStart[s] .. districtStart[s + 1])`; empty = any. */
  readonly sourceDistrictStart: Int32Array;
  readonly districtList: Int32Array;
  /** First-expiring bonus per unit (see `expiryBonus`). */
  readonly sourceBonus: Float64Array;

  /** Sources of bucket `b` are `bucketSources[bucketStart[b] .. bucketStart[b + 1])`, first-expiring first. */
  readonly bucketStart: Int32Array;
  readonly bucketSources: Int32Array;
  /**
   * The sources of a bucket split into groups of one expiry day (`groupExpiry`), groups of
   * bucket `b` being `bucketGroupStart[b] .. bucketGroupStart[b + 1]`; each group is split
   * into runs of one depot (`runDepot`), group `g` having runs `groupRunStart[g] ..
   * groupRunStart[g + 1]` and run `r` the sources `bucketSources[runStart[r] .. runStart[r + 1])`.
   */
  readonly bucketGroupStart: Int32Array;
  readonly groupExpiry: Int32Array;
  readonly groupRunStart: Int32Array;
  readonly runDepot: Int32Array;
  readonly runStart: Int32Array;

  readonly depotLat: Float64Array;
  readonly depotLng: Float64Array;
  /** Objective cost per unit per km: distance never outweighs one day of expiry (see `expiryBonus`). */
  readonly distanceWeight: number;

  readonly districtCodes: readonly string[];
  /** Σ weight × quantity of the district's needs. */
  readonly districtDemand: Float64Array;
  /** Fairness penalty per band (see `AllocationOptions.fairnessPenalties`). */
  readonly penalties: Float64Array;
}
