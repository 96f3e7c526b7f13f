import type { DemoCity } from './types.js';
import { buildCarriers } from './build/carriers.js';
import { buildDistricts } from './build/districts.js';
import { buildHouseholds, DEFAULT_HOUSEHOLD_COUNT } from './build/households.js';
import { buildDepots, buildOrganisations, buildPrograms } from './build/organisations.js';
import { buildRoads } from './build/roads.js';
import { buildUsers } from './build/users.js';
import { DISTRICT_SEEDS } from './data/districts.js';
import { sha1, toHex } from './sha1.js';

/** The seed of the city `pnpm start` seeds. */
export const DEFAULT_DEMO_SEED = 'iksan-2026';

export interface DemoCityOptions {
  /** Same seed, same city, byte for byte. Default {@link DEFAULT_DEMO_SEED}. */
  readonly seed?: string;
  /** Default {@link DEFAULT_HOUSEHOLD_COUNT}. */
  readonly householdCount?: number;
}

/**
 * Builds the deterministic Iksan-like demo city: pure data, no I/O, no clock, no `Math.random`.
 * @example
 * const city = createDemoCity();
 * city.households.length; // 3000
 */
export function createDemoCity({
  seed = DEFAULT_DEMO_SEED,
  householdCount = DEFAULT_HOUSEHOLD_COUNT,
}: DemoCityOptions = {}): DemoCity {
  const districts = buildDistricts(seed);
  const organisations = buildOrganisations(seed);
  const depots = buildDepots(seed, organisations);
  const programs = buildPrograms(seed, organisations);
  const carriers = buildCarriers({ seed, organisations, depots, districts });
  return {
    seed,
    name: '익산 (demo)',
    centre: { lat: 35.95, lng: 126.96 },
    districts,
    organisations: Object.values(organisations),
    depots,
    programs,
    households: buildHouseholds({
      seed,
      districts,
      weights: DISTRICT_SEEDS.map((d) => d.weight),
      programs,
      count: householdCount,
    }),
    carriers,
    users: buildUsers({ seed, organisations, districts, carriers }),
    roads: buildRoads(),
  };
}

/** A SHA-1 fingerprint of the whole city, to tell two seeds (or two code versions) apart. */
export function demoCityFingerprint(city: DemoCity): string {
  return toHex(sha1(JSON.stringify(city)));
}
