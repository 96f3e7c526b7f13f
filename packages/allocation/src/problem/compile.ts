import type { AllocationProblem, AllocationRestrictions } from '@anbu/contracts/allocation';
import {
  ALLERGENS,
  DIETARY_TAGS,
  HOUSEHOLD_TYPES,
  ITEM_CATEGORIES,
  ITEM_UNITS,
  STORAGE_CLASSES,
} from '@anbu/contracts';

import type { CompiledProblem } from './model.js';
import { dayNumber } from './calendar.js';
import { haversineKm } from './geo.js';
import { NEVER, SOURCE_KIND } from './model.js';
import { EXPIRY_BONUS, expiryBonus, FOOD_CATEGORIES, needWeight } from './weights.js';

const indexOf = <T extends string>(list: readonly T[]) =>
  new Map<T, number>(list.map((value, index) => [value, index]));
const CATEGORY = indexOf(ITEM_CATEGORIES);
const UNIT = indexOf(ITEM_UNITS);
const STORAGE = indexOf(STORAGE_CLASSES);
const DIET = indexOf(DIETARY_TAGS);
const ALLERGEN = indexOf(ALLERGENS);
const HOUSEHOLD_TYPE = indexOf(HOUSEHOLD_TYPES);

function maskOf<T extends string>(values: readonly T[], index: ReadonlyMap<T, number>): number {
  let mask = 0;
  for (const value of values) mask |= 1 << (index.get(value) ?? 0);
  return mask;
}

const bucketOf = (category: string, unit: string) =>
  (CATEGORY.get(category as never) ?? 0) * ITEM_UNITS.length + (UNIT.get(unit as never) ?? 0);

interface SourceSpec {
  kind: number;
  origin: number;
  depotId: string;
  category: string;
  unit: string;
  storageClass: string;
  quantity: number;
  from: number;
  expiry: number;
  restrictions: AllocationRestrictions;
  allergens: readonly (typeof ALLERGENS)[number][];
  suitableFor: readonly (typeof DIETARY_TAGS)[number][];
}

/** Lots first, then each kitchen's capacity of each day, as one list of sources. */
function listSources(problem: AllocationProblem, day0: number): SourceSpec[] {
  const sources: SourceSpec[] = problem.lots.map((lot, origin) => ({
    ...lot,
    kind: SOURCE_KIND.lot,
    origin,
    from: day0,
    expiry: lot.expiresOn === undefined ? NEVER : dayNumber(lot.expiresOn),
  }));
  problem.kitchens.forEach((kitchen, origin) => {
    for (let d = 0; d < kitchen.days; d++) {
      sources.push({
        ...kitchen,
        kind: SOURCE_KIND.kitchen,
        origin,
        quantity: kitchen.boxesPerDay,
        from: day0 + d,
        expiry: day0 + d + kitchen.shelfLifeDays,
      });
    }
  });
  return sources;
}

/**
 * Compiles a parsed problem into the flat arrays the solver works on.
 * @throws {Error} when a lot or kitchen names a depot that is not in `depots`.
 */
export function compileProblem(problem: AllocationProblem): CompiledProblem {
  const day0 = dayNumber(problem.date);
  const { options } = problem;
  const depotIndex = new Map(problem.depots.map((depot, index) => [depot.id, index]));
  const districtIndex = new Map<string, number>();
  const district = (code: string) => {
    let index = districtIndex.get(code);
    if (index === undefined) {
      index = districtIndex.size;
      districtIndex.set(code, index);
    }
    return index;
  };

  const n = problem.needs.length;
  const needBucket = new Int32Array(n);
  const needQuantity = new Int32Array(n);
  const needWeightArray = new Float64Array(n);
  const needDelivery = new Int32Array(n);
  const needDeadline = new Int32Array(n);
  const needStorage = new Int8Array(n);
  const needFood = new Uint8Array(n);
  const needDiet = new Int32Array(n);
  const needAllergens = new Int32Array(n);
  const needTypeBit = new Int32Array(n);
  const needChildren = new Uint8Array(n);
  const needDistrict = new Int32Array(n);
  const needLat = new Float64Array(n);
  const needLng = new Float64Array(n);
  const demand: number[] = [];
  problem.needs.forEach((need, j) => {
    needBucket[j] = bucketOf(need.category, need.unit);
    needQuantity[j] = need.quantity;
    const weight = needWeight({
      need,
      waitingDays: day0 - dayNumber(need.waitingSince),
      weights: options,
    });
    needWeightArray[j] = weight;
    needDelivery[j] = Math.max(dayNumber(need.deliveryDate), day0);
    needDeadline[j] = dayNumber(need.deadline);
    needStorage[j] = need.storageClass === undefined ? -1 : (STORAGE.get(need.storageClass) ?? -1);
    needFood[j] = FOOD_CATEGORIES.has(need.category) ? 1 : 0;
    needDiet[j] = maskOf(need.dietaryTags, DIET);
    needAllergens[j] = maskOf(need.allergens, ALLERGEN);
    needTypeBit[j] = 1 << (HOUSEHOLD_TYPE.get(need.householdType) ?? 0);
    needChildren[j] = need.childrenInHousehold ? 1 : 0;
    const d = district(need.districtCode);
    needDistrict[j] = d;
    demand[d] = (demand[d] ?? 0) + weight * need.quantity;
    needLat[j] = need.location.lat;
    needLng[j] = need.location.lng;
  });

  const specs = listSources(problem, day0);
  const m = specs.length;
  const sourceKind = new Uint8Array(m);
  const sourceOrigin = new Int32Array(m);
  const sourceDepot = new Int32Array(m);
  const sourceBucket = new Int32Array(m);
  const sourceStorage = new Int8Array(m);
  const sourceQuantity = new Int32Array(m);
  const sourceFrom = new Int32Array(m);
  const sourceExpiry = new Int32Array(m);
  const sourceDiet = new Int32Array(m);
  const sourceAllergens = new Int32Array(m);
  const sourceTypeMask = new Int32Array(m);
  const sourceChildrenOnly = new Uint8Array(m);
  const sourceDistrictStart = new Int32Array(m + 1);
  const sourceBonus = new Float64Array(m);
  const districts: number[] = [];
  specs.forEach((spec, s) => {
    const depot = depotIndex.get(spec.depotId);
    if (depot === undefined) throw new Error(`source ${String(s)}: unknown depot ${spec.depotId}`);
    sourceKind[s] = spec.kind;
    sourceOrigin[s] = spec.origin;
    sourceDepot[s] = depot;
    sourceBucket[s] = bucketOf(spec.category, spec.unit);
    sourceStorage[s] = STORAGE.get(spec.storageClass as never) ?? 0;
    sourceQuantity[s] = spec.quantity;
    sourceFrom[s] = spec.from;
    sourceExpiry[s] = spec.expiry;
    sourceDiet[s] = maskOf(spec.suitableFor, DIET);
    sourceAllergens[s] = maskOf(spec.allergens, ALLERGEN);
    sourceTypeMask[s] = maskOf(spec.restrictions.householdTypes, HOUSEHOLD_TYPE);
    sourceChildrenOnly[s] = spec.restrictions.childrenOnly ? 1 : 0;
    for (const code of spec.restrictions.districtCodes) districts.push(district(code));
    sourceDistrictStart[s + 1] = districts.length;
  });
  let lastExpiry = day0;
  for (const expiry of sourceExpiry)
    if (expiry !== NEVER) lastExpiry = Math.max(lastExpiry, expiry);
  const expirySpan = lastExpiry - day0 + 1;
  sourceExpiry.forEach((expiry, s) => {
    sourceBonus[s] = expiryBonus({
      daysToExpiry: expiry === NEVER ? Infinity : expiry - day0,
      expirySpan,
    });
  });

  // Counting sort of sources into buckets, then first-expiring first inside each bucket.
  const bucketCount = ITEM_CATEGORIES.length * ITEM_UNITS.length;
  const bucketStart = new Int32Array(bucketCount + 1);
  for (let s = 0; s < m; s++) {
    const b = (sourceBucket[s] ?? 0) + 1;
    bucketStart[b] = (bucketStart[b] ?? 0) + 1;
  }
  for (let b = 0; b < bucketCount; b++) {
    bucketStart[b + 1] = (bucketStart[b + 1] ?? 0) + (bucketStart[b] ?? 0);
  }
  const fill = bucketStart.slice(0, bucketCount);
  const bucketSources = new Int32Array(m);
  for (let s = 0; s < m; s++) {
    const b = sourceBucket[s] ?? 0;
    const at = fill[b] ?? 0;
    bucketSources[at] = s;
    fill[b] = at + 1;
  }
  for (let b = 0; b < bucketCount; b++) {
    bucketSources
      .subarray(bucketStart[b], bucketStart[b + 1])
      .sort(
        (a, c) =>
          (sourceExpiry[a] ?? 0) - (sourceExpiry[c] ?? 0) ||
          (sourceDepot[a] ?? 0) - (sourceDepot[c] ?? 0) ||
          (sourceFrom[a] ?? 0) - (sourceFrom[c] ?? 0) ||
          a - c,
      );
  }
  const groups = groupSources({ bucketStart, bucketSources, sourceExpiry, sourceDepot });

  const depotLat = Float64Array.from(problem.depots, (depot) => depot.location.lat);
  const depotLng = Float64Array.from(problem.depots, (depot) => depot.location.lng);
  // Distance must never outweigh one day of expiry: one day is worth EXPIRY_BONUS / span.
  const distanceWeight =
    EXPIRY_BONUS / expirySpan / (maxDistanceKm({ needLat, needLng, depotLat, depotLng }) + 1);

  const districtDemand = new Float64Array(districtIndex.size);
  demand.forEach((value, d) => (districtDemand[d] = value));
  return {
    problem,
    day0,
    needCount: n,
    sourceCount: m,
    needBucket,
    needQuantity,
    needWeight: needWeightArray,
    needDelivery,
    needDeadline,
    needStorage,
    needFood,
    needDiet,
    needAllergens,
    needTypeBit,
    needChildren,
    needDistrict,
    needLat,
    needLng,
    sourceKind,
    sourceOrigin,
    sourceDepot,
    sourceBucket,
    sourceStorage,
    sourceQuantity,
    sourceFrom,
    sourceExpiry,
    sourceDiet,
    sourceAllergens,
    sourceTypeMask,
    sourceChildrenOnly,
    sourceDistrictStart,
    districtList: Int32Array.from(districts),
    sourceBonus,
    bucketStart,
    bucketSources,
    ...groups,
    depotLat,
    depotLng,
    distanceWeight,
    districtCodes: [...districtIndex.keys()],
    districtDemand,
    penalties: Float64Array.from(options.fairnessPenalties),
  };
}

/** An upper bound of any depot-to-household distance: the diagonal of the bounding box. */
function maxDistanceKm(points: {
  needLat: Float64Array;
  needLng: Float64Array;
  depotLat: Float64Array;
  depotLng: Float64Array;
}): number {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLng = Infinity;
  let maxLng = -Infinity;
  for (const lats of [points.needLat, points.depotLat]) {
    for (const lat of lats) {
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  for (const lngs of [points.needLng, points.depotLng]) {
    for (const lng of lngs) {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
    }
  }
  if (!Number.isFinite(minLat)) return 0;
  return haversineKm({ lat1: minLat, lng1: minLng, lat2: maxLat, lng2: maxLng }) + 1;
}

/** Splits each bucket's sorted sources into expiry-day groups and depot runs (see the model). */
function groupSources(arrays: {
  bucketStart: Int32Array;
  bucketSources: Int32Array;
  sourceExpiry: Int32Array;
  sourceDepot: Int32Array;
}) {
  const { bucketStart, bucketSources, sourceExpiry, sourceDepot } = arrays;
  const bucketGroupStart = new Int32Array(bucketStart.length);
  const groupExpiry: number[] = [];
  const groupRunStart: number[] = [0];
  const runDepot: number[] = [];
  const runStart: number[] = [];
  for (let b = 0; b + 1 < bucketStart.length; b++) {
    bucketGroupStart[b] = groupExpiry.length;
    const end = bucketStart[b + 1] ?? 0;
    for (let i = bucketStart[b] ?? 0; i < end; i++) {
      const s = bucketSources[i] ?? 0;
      const previous = i === bucketStart[b] ? -1 : (bucketSources[i - 1] ?? 0);
      const newGroup = previous < 0 || sourceExpiry[previous] !== sourceExpiry[s];
      if (newGroup) {
        if (groupExpiry.length > 0) groupRunStart.push(runDepot.length);
        groupExpiry.push(sourceExpiry[s] ?? 0);
      }
      if (newGroup || sourceDepot[previous] !== sourceDepot[s]) {
        runDepot.push(sourceDepot[s] ?? 0);
        runStart.push(i);
      }
    }
  }
  bucketGroupStart[bucketStart.length - 1] = groupExpiry.length;
  if (groupExpiry.length > 0) groupRunStart.push(runDepot.length);
  runStart.push(bucketSources.length);
  return {
    bucketGroupStart,
    groupExpiry: Int32Array.from(groupExpiry),
    groupRunStart: Int32Array.from(groupRunStart),
    runDepot: Int32Array.from(runDepot),
    runStart: Int32Array.from(runStart),
  };
}
