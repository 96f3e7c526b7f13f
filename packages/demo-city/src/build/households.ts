import type { LatLng } from '../geo/types.js';
import type { Random } from '../random.js';
import type {
  DemoDistrict,
  DemoHousehold,
  DemoProgram,
  DietaryNote,
  HouseholdType,
  RiskLevel,
} from '../types.js';
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
    ['elderly_alone', rural ? 50 : 30],
    ['child_meal_support', rural ? 8 : 20],
    ['crisis', 6],
    ['isolated_single', rural ? 14 : 22],
    ['disability', 10],
    ['low_income_family', rural ? 10 : 14],
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

function birthYear(random: Random, type: HouseholdType): number {
  switch (type) {
    case 'elderly_alone':
      return random.int(1932, 1958);
    case 'child_meal_support':
    case 'low_income_family':
      return random.int(1975, 1996);
    case 'crisis':
    case 'isolated_single':
    case 'disability':
      return random.int(1950, 1998);
  }
}

function memberCount(random: Random, type: HouseholdType): number {
  switch (type) {
    case 'elderly_alone':
    case 'isolated_single':
      return 1;
    case 'child_meal_support':
    case 'low_income_family':
      return random.int(2, 5);
    case 'crisis':
    case 'disability':
      return random.int(1, 3);
  }
}

function dietaryNotes(random: Random, type: HouseholdType, year: number): DietaryNote[] {
  const notes = new Set<DietaryNote>();
  if (year < 1950 && random.chance(0.45)) notes.add('soft_food');
  if (random.chance(year < 1965 ? 0.22 : 0.07)) notes.add('diabetic');
  if (year < 1960 && random.chance(0.2)) notes.add('low_salt');
  if (type === 'child_meal_support' && random.chance(0.08)) notes.add('nut_allergy');
  if (random.chance(0.01)) notes.add('halal');
  if (random.chance(0.02)) notes.add('vegetarian');
  if (random.chance(0.03)) notes.add('lactose_free');
  return [...notes].sort();
}

function programIdsFor(type: HouseholdType, risk: RiskLevel, programs: ProgramIds): string[] {
  const urgent = risk === 'high' || risk === 'critical';
  switch (type) {
    case 'elderly_alone':
      return urgent
        ? [programs.meals, programs.kits, programs.checkin]
        : [programs.meals, programs.kits];
    case 'child_meal_support':
      return [programs.meals];
    case 'crisis':
    case 'disability':
      return [programs.meals, programs.kits];
    case 'isolated_single':
      return urgent ? [programs.kits, programs.checkin] : [programs.kits];
    case 'low_income_family':
      return [programs.kits];
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

function address(random: Random, district: DemoDistrict): string {
  const street = `전북특별자치도 익산시 ${district.name} ${random.pick(ROAD_NAMES)} ${random.int(1, 320)}`;
  if (district.kind === 'dong' && random.chance(0.45)) {
    return `${street}, ${random.int(101, 115)}동 ${random.int(1, 20)}0${random.int(1, 6)}호`;
  }
  return street;
}

function phone(random: Random, year: number): string {
  // 010-0xxx and 063-0xx are unassigned ranges: plausible-looking but nobody's number.
  if (year < 1955 && random.chance(0.3))
    return `063-0${random.int(10, 99)}-${random.int(1000, 9999)}`;
  return `010-0${random.int(100, 999)}-${random.int(1000, 9999)}`;
}

function consentDate(random: Random): string {
  const month = String(random.int(1, 11)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const hour = String(random.int(0, 8)).padStart(2, '0');
  return `2026-${month}-${day}T${hour}:${random.pick(['00', '15', '30', '45'])}:00.000Z`;
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
        address: address(random, district),
        phone: phone(random, year),
        dietaryNotes: dietaryNotes(random, type, year),
        programIds: consented ? programIdsFor(type, risk, programIds) : [],
        consent: consented
          ? {
              recordedAt: consentDate(random),
              scope: random.chance(0.8)
                ? ['delivery', 'welfare_check', 'data_sharing']
                : ['delivery', 'welfare_check'],
              recordedBy: caseworkerId(seed, district.group),
            }
          : null,
      });
    }
  });
  return households;
}

export { personName };
