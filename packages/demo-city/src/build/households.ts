import type {
  Allergen,
  ConsentMethod,
  DietaryTag,
  HouseholdType,
  RiskLevel,
} from '@anbu/contracts';

import type { LatLng } from '../geo/types.js';
import type { Random } from '../random.js';
import type { DemoConsent, DemoDistrict, DemoHousehold, DemoProgram } from '../types.js';
import { GIVEN_FIRST, GIVEN_SECOND, ROAD_NAMES, SURNAMES } from '../data/people.js';
import { pointInPolygon, round6 } from '../geo/polygon.js';
import { demoId } from '../ids.js';
import { createRandom } from '../random.js';
import { caseworkerId } from './users.js';

/** How many households the demo city supports by default. */
export const DEFAULT_HOUSEHOLD_COUNT = 3_000;

/** Splits `total` across weights so the parts sum exactly to `total` (largest remainder). */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  const order = exact
    .map((value, i) => ({ i, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

function householdType(random: Random, rural: boolean): HouseholdType {
  return random.weighted<HouseholdType>([
    ['elderly_alone', rural ? 42 : 26],
    ['elderly_couple', rural ? 14 : 6],
    ['middle_aged_alone', rural ? 10 : 16],
    ['young_alone', rural ? 2 : 7],
    ['single_parent', rural ? 6 : 12],
    ['multi_child', rural ? 6 : 9],
    ['child_headed', 1],
    ['disability', 10],
    ['crisis', 6],
  ]);
}

function riskLevel(random: Random, type: HouseholdType): RiskLevel {
  const crisis = type === 'crisis';
  return random.weighted<RiskLevel>([
    ['low', crisis ? 0 : 40],
    ['medium', crisis ? 20 : 35],
    ['high', crisis ? 50 : 19],
    ['critical', crisis ? 30 : 6],
  ]);
}

/** Birth year of the recipient (the head of household). */
function birthYear(random: Random, type: HouseholdType): number {
  switch (type) {
    case 'elderly_alone':
    case 'elderly_couple':
      return random.int(1932, 1958);
    case 'middle_aged_alone':
      return random.int(1962, 1980);
    case 'young_alone':
      return random.int(1990, 2004);
    case 'child_headed':
      return random.int(2008, 2011);
    case 'single_parent':
    case 'multi_child':
      return random.int(1975, 1996);
    case 'disability':
    case 'crisis':
    case 'other':
      return random.int(1950, 1998);
  }
}

function memberCount(random: Random, type: HouseholdType): number {
  switch (type) {
    case 'elderly_alone':
    case 'middle_aged_alone':
    case 'young_alone':
      return 1;
    case 'elderly_couple':
      return 2;
    case 'child_headed':
    case 'single_parent':
      return random.int(2, 4);
    case 'multi_child':
      return random.int(4, 7);
    case 'disability':
    case 'crisis':
    case 'other':
      return random.int(1, 3);
  }
}

function dietaryTags(random: Random, type: HouseholdType, year: number): DietaryTag[] {
  const tags = new Set<DietaryTag>();
  if (year < 1950 && random.chance(0.45)) tags.add('soft_food');
  if (random.chance(year < 1965 ? 0.22 : 0.07)) tags.add('diabetic');
  if (year < 1960 && random.chance(0.2)) tags.add('low_salt');
  if (year < 1955 && random.chance(0.25)) tags.add('no_spicy');
  if ((type === 'multi_child' || type === 'single_parent') && random.chance(0.05))
    tags.add('infant');
  if (random.chance(0.01)) tags.add('halal');
  if (random.chance(0.02)) tags.add('vegetarian');
  return [...tags].sort();
}

function allergens(random: Random, type: HouseholdType): Allergen[] {
  const children = type === 'multi_child' || type === 'single_parent' || type === 'child_headed';
  const found = new Set<Allergen>();
  if (random.chance(children ? 0.08 : 0.02)) found.add('peanut');
  if (random.chance(children ? 0.05 : 0.01)) found.add('egg');
  if (random.chance(0.03)) found.add('milk');
  if (random.chance(0.02)) found.add('shellfish');
  return [...found].sort();
}

function programIdsFor(type: HouseholdType, risk: RiskLevel, programs: ProgramIds): string[] {
  const urgent = risk === 'high' || risk === 'critical';
  switch (type) {
    case 'elderly_alone':
    case 'elderly_couple':
      return urgent
        ? [programs.meals, programs.kits, programs.checkin]
        : [programs.meals, programs.kits];
    case 'child_headed':
    case 'single_parent':
    case 'multi_child':
      return [programs.meals];
    case 'crisis':
    case 'disability':
      return [programs.meals, programs.kits];
    case 'middle_aged_alone':
    case 'young_alone':
    case 'other':
      return urgent ? [programs.kits, programs.checkin] : [programs.kits];
  }
}

interface ProgramIds {
  readonly meals: string;
  readonly kits: string;
  readonly checkin: string;
}

/** A point near the centre, inside the boundary (rounded first, so the check is exact). */
function locationIn(random: Random, district: DemoDistrict): LatLng {
  const spread = district.kind === 'dong' ? 0.0045 : 0.014;
  for (let attempt = 0; attempt < 200; attempt++) {
    const point = {
      lat: round6(district.centre.lat + random.normal() * spread),
      lng: round6(district.centre.lng + random.normal() * spread * 1.2),
    };
    if (pointInPolygon(point, district.boundary)) return point;
  }
  // The centre is always inside its own Voronoi cell.
  return district.centre;
}

function personName(random: Random): string {
  return random.weighted(SURNAMES) + random.pick(GIVEN_FIRST) + random.pick(GIVEN_SECOND);
}

function address(random: Random, district: DemoDistrict, index: number): DemoHousehold['address'] {
  const road = `전북특별자치도 익산시 ${random.pick(ROAD_NAMES)} ${random.int(1, 320)}`;
  // Iksan's postal codes run 545xx–546xx; each district gets its own small block.
  const postalCode = String(54500 + index * 8 + random.int(0, 7));
  if (district.kind === 'dong' && random.chance(0.45)) {
    return {
      road,
      detail: `${random.int(101, 115)}동 ${random.int(1, 20)}0${random.int(1, 6)}호`,
      postalCode,
    };
  }
  return { road, detail: district.name, postalCode };
}

function phone(random: Random, year: number): string {
  // 010-0xxx and 063-0xx are unassigned ranges: plausible-looking but nobody's number.
  if (year < 1955 && random.chance(0.3))
    return `063-0${random.int(10, 99)}-${random.int(1000, 9999)}`;
  return `010-0${random.int(100, 999)}-${random.int(1000, 9999)}`;
}

/** A consent recorded on a day in 2026 before the programs start, during office hours. */
function consent(random: Random, options: { id: string; recordedBy: string }): DemoConsent {
  const month = String(random.int(1, 11)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const hour = String(random.int(0, 8)).padStart(2, '0');
  const minute = random.pick(['00', '15', '30', '45']);
  return {
    id: options.id,
    givenOn: `2026-${month}-${day}`,
    recordedAt: `2026-${month}-${day}T${hour}:${minute}:00.000Z`,
    method: random.weighted<ConsentMethod>([
      ['written', 70],
      ['verbal', 15],
      ['guardian', 10],
      ['digital', 5],
    ]),
    scopes: random.chance(0.8)
      ? ['delivery', 'sensitive_data', 'data_sharing']
      : ['delivery', 'sensitive_data'],
    recordedBy: options.recordedBy,
  };
}

/** ~3,000 households spread over the districts by weight, each inside its district. */
export function buildHouseholds(options: {
  seed: string;
  districts: readonly DemoDistrict[];
  weights: readonly number[];
  programs: readonly DemoProgram[];
  count?: number;
}): DemoHousehold[] {
  const { seed, districts, weights, programs, count = DEFAULT_HOUSEHOLD_COUNT } = options;
  const random = createRandom(`${seed}:households`);
  const [meals, kits, checkin] = programs.map((program) => program.id);
  if (meals === undefined || kits === undefined || checkin === undefined) {
    throw new TypeError('the demo city needs its three programs');
  }
  const programIds = { meals, kits, checkin };
  const perDistrict = apportion(weights, count);
  const households: DemoHousehold[] = [];
  districts.forEach((district, d) => {
    const rural = district.kind !== 'dong';
    for (let n = 0; n < (perDistrict[d] ?? 0); n++) {
      const type = householdType(random, rural);
      const risk = riskLevel(random, type);
      const year = birthYear(random, type);
      // About one in twenty is registered but still waits for a visit to record consent.
      const consented = random.chance(0.95);
      households.push({
        id: demoId(seed, 'household', households.length),
        districtCode: district.code,
        type,
        riskLevel: risk,
        memberCount: memberCount(random, type),
        location: locationIn(random, district),
        headName: personName(random),
        birthYear: year,
        address: address(random, district, d),
        phone: phone(random, year),
        dietaryTags: dietaryTags(random, type, year),
        allergens: allergens(random, type),
        programIds: consented ? programIdsFor(type, risk, programIds) : [],
        consent: consented
          ? consent(random, {
              id: demoId(seed, 'consent', households.length),
              recordedBy: caseworkerId(seed, district.group),
            })
          : null,
      });
    }
  });
  return households;
}

export { personName };
