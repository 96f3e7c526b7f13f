import type {
  Allergen,
  DietaryTag,
  HouseholdType,
  ItemCategory,
  ItemUnit,
  RiskLevel,
  StorageClass,
} from '@anbu/contracts';
import type {
  AllocationKitchen,
  AllocationLot,
  AllocationNeed,
  AllocationProblem,
} from '@anbu/contracts/allocation';
import { allocationOptionsSchema } from '@anbu/contracts/allocation';

import { dateOfDay, dayNumber } from '../problem/calendar.js';
import { createRng } from './random.js';

/** Sizes and shape of a generated instance. */
export interface GenerateOptions {
  readonly seed: number;
  readonly needs: number;
  readonly lots: number;
  readonly depots?: number;
  readonly districts?: number;
  readonly kitchens?: number;
  /** Lot units over asked units (below 1: stock is short). */
  readonly supplyRatio?: number;
  readonly date?: string;
}

const KINDS: readonly {
  category: ItemCategory;
  unit: ItemUnit;
  storage: StorageClass;
  shelf: number;
}[] = [
  { category: 'side_dishes', unit: 'box', storage: 'chilled', shelf: 6 },
  { category: 'rice_grain', unit: 'bag', storage: 'ambient', shelf: 90 },
  { category: 'instant_food', unit: 'pack', storage: 'ambient', shelf: 40 },
  { category: 'dairy', unit: 'bottle', storage: 'chilled', shelf: 8 },
  { category: 'frozen_food', unit: 'pack', storage: 'frozen', shelf: 60 },
  { category: 'fresh_food', unit: 'box', storage: 'chilled', shelf: 4 },
  { category: 'hygiene', unit: 'kit', storage: 'ambient', shelf: 0 },
  { category: 'bedding', unit: 'piece', storage: 'ambient', shelf: 0 },
];
const RISKS: readonly RiskLevel[] = [
  'low',
  'low',
  'medium',
  'medium',
  'medium',
  'high',
  'high',
  'critical',
];
const TYPES: readonly HouseholdType[] = [
  'elderly_alone',
  'elderly_couple',
  'middle_aged_alone',
  'single_parent',
  'multi_child',
  'child_headed',
  'disability',
  'other',
];
const CHILD_TYPES: ReadonlySet<HouseholdType> = new Set([
  'single_parent',
  'multi_child',
  'child_headed',
]);
const ALLERGEN_POOL: readonly Allergen[] = ['peanut', 'egg', 'milk', 'wheat', 'soy', 'shellfish'];

/**
 * A seeded random instance shaped like a Seoul district office's day: districts around a
 * centre, a few depots, lots of eight kinds (some already expired), kitchens for meal boxes,
 * and needs with risk levels, diets, allergies and waiting times. Same options, same instance.
 */
export function generateInstance(options: GenerateOptions): AllocationProblem {
  const {
    seed,
    depots = 8,
    districts = 24,
    kitchens = 3,
    supplyRatio = 0.7,
    date = '2026-11-25',
  } = options;
  const rng = createRng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const day0 = dayNumber(date);
  const at = (offset: number) => dateOfDay(day0 + offset);
  const centre = { lat: 37.55, lng: 126.98 };
  const spot = (spread: number, around = centre) => ({
    lat: around.lat + (rng() - 0.5) * spread,
    lng: around.lng + (rng() - 0.5) * spread * 1.25,
  });
  const districtCentres = Array.from({ length: districts }, () => spot(0.2));
  const code = (d: number) => `D${String(d + 1).padStart(3, '0')}`;

  const needs: AllocationNeed[] = [];
  for (let j = 0; j < options.needs; j++) {
    const kind = rng() < 0.15 && kitchens > 0 ? undefined : pick(KINDS);
    const type = pick(TYPES);
    const d = int(0, districts - 1);
    const delivery = int(0, 2);
    const food = kind === undefined || kind.shelf > 0;
    needs.push({
      id: `n${String(j)}`,
      householdId: `h${String(j)}`,
      category: kind?.category ?? 'meal_box',
      unit: kind?.unit ?? 'box',
      quantity: kind === undefined ? int(1, 3) : int(1, 5),
      deliveryDate: at(delivery),
      deadline: at(delivery + int(0, 10)),
      waitingSince: at(-int(0, 60)),
      priority: rng() < 0.1 ? int(10, 100) : 0,
      riskLevel: pick(RISKS),
      householdType: type,
      childrenInHousehold: CHILD_TYPES.has(type),
      dietaryTags: food ? diet() : [],
      allergens: food && rng() < 0.1 ? [pick(ALLERGEN_POOL)] : [],
      districtCode: code(d),
      location: spot(0.04, districtCentres[d]),
    });
  }
  const asked = needs.reduce(
    (sum, need) => sum + (need.category === 'meal_box' ? 0 : need.quantity),
    0,
  );
  const meanLot = Math.max(1, (supplyRatio * asked) / Math.max(1, options.lots));

  const depotList = Array.from({ length: depots }, (_, p) => ({
    id: `p${String(p)}`,
    location: spot(0.2),
  }));
  const lots: AllocationLot[] = [];
  for (let s = 0; s < options.lots; s++) {
    const kind = pick(KINDS);
    const food = kind.shelf > 0;
    const restricted = rng();
    lots.push({
      id: `l${String(s)}`,
      depotId: pick(depotList).id,
      category: kind.category,
      unit: kind.unit,
      storageClass: kind.storage,
      quantity: Math.max(1, Math.round(meanLot * (0.5 + rng()))),
      ...(food ? { expiresOn: at(int(-2, kind.shelf)) } : {}),
      restrictions: {
        householdTypes: restricted < 0.05 ? ['elderly_alone', 'elderly_couple'] : [],
        districtCodes:
          restricted > 0.97 ? [code(int(0, districts - 1)), code(int(0, districts - 1))] : [],
        childrenOnly: restricted >= 0.05 && restricted < 0.1,
        noResale: rng() < 0.2,
      },
      allergens: food && rng() < 0.3 ? [pick(ALLERGEN_POOL)] : [],
      suitableFor: food ? suits() : [],
    });
  }
  const mealNeeds = needs.reduce(
    (sum, need) => sum + (need.category === 'meal_box' ? need.quantity : 0),
    0,
  );
  const kitchenList: AllocationKitchen[] = Array.from({ length: kitchens }, (_, k) => ({
    id: `k${String(k)}`,
    depotId: pick(depotList).id,
    category: 'meal_box',
    unit: 'box',
    storageClass: 'chilled',
    boxesPerDay: Math.max(1, Math.round((supplyRatio * mealNeeds) / (kitchens * 7))),
    days: 7,
    shelfLifeDays: 2,
    restrictions: { householdTypes: [], districtCodes: [], childrenOnly: false, noResale: false },
    allergens: k === 0 ? ['egg'] : [],
    suitableFor: k === 1 ? ['soft_food', 'diabetic', 'low_salt'] : ['low_salt'],
  }));
  return {
    date,
    depots: depotList,
    lots,
    kitchens: kitchenList,
    needs,
    options: allocationOptionsSchema.parse({}),
  };

  function diet(): DietaryTag[] {
    const r = rng();
    if (r < 0.1) return ['soft_food'];
    if (r < 0.17) return ['diabetic'];
    if (r < 0.2) return ['soft_food', 'diabetic'];
    return [];
  }
  function suits(): DietaryTag[] {
    const tags: DietaryTag[] = [];
    if (rng() < 0.4) tags.push('soft_food');
    if (rng() < 0.3) tags.push('diabetic');
    return tags;
  }
}
