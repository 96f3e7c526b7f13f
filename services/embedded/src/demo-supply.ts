import type { Bus } from '@anbu/bus';
import type { Actor, DonationInput } from '@anbu/contracts';
import type { Logger } from '@anbu/db';
import type { DemoCity, DemoHousehold } from '@anbu/demo-city';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import {
  acceptDonation,
  fileNeed,
  listOrders,
  postDonation,
  receiveDonation,
  recordPickup,
  runAllocation,
} from '@anbu/contracts/rpc';

import { DEMO_DAY_GROUPS, groupOf, groupOfDay } from './demo-day.js';

/** Households of the day that get a bag of the demo partner's rice, one per 읍면동 at most. */
export const DEMO_SUPPLY_HOUSEHOLDS = 12;
/** High enough that a short planning run routes these orders before the routine ones. */
const NEED_PRIORITY = 90;
/** How long the seed waits for matching and dispatch to hear of the needs, lots and orders. */
const SETTLE_MS = 60_000;
const POLL_MS = 250;

/** What {@link seedDemoSupply} did. */
export interface DemoSupplyReport {
  readonly donationId: string;
  readonly needs: number;
  readonly allocations: number;
  /** Open delivery orders in dispatch's pool carrying the partner's goods. */
  readonly orders: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The households of `date`'s demo group that receive the demo partner's goods: consenting,
 * the most at risk first, one per 읍면동, at most {@link DEMO_SUPPLY_HOUSEHOLDS}.
 */
export function demoSupplyHouseholds(city: DemoCity, date: string): DemoHousehold[] {
  const today = groupOfDay(date, DEMO_DAY_GROUPS);
  const risk = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  const candidates = city.households
    .filter((h) => h.consent && h.programIds.length > 0)
    .filter((h) => groupOf(h, DEMO_DAY_GROUPS) === today)
    .sort((a, b) => risk[a.riskLevel] - risk[b.riskLevel] || a.id.localeCompare(b.id));
  const chosen: DemoHousehold[] = [];
  const districts = new Set<string>();
  for (const household of candidates) {
    if (districts.has(household.districtCode)) continue;
    districts.add(household.districtCode);
    chosen.push(household);
    if (chosen.length === DEMO_SUPPLY_HOUSEHOLDS) break;
  }
  return chosen;
}

/** The first demo partner user acting for its organisation (the one the demo signs in as). */
export function demoPartnerActor(city: DemoCity): Actor {
  const user = city.users.find((u) => u.roles.includes('partner'));
  if (!user) throw new TypeError('the demo city has no partner user');
  return {
    kind: 'user',
    id: user.id,
    role: 'partner',
    organisationId: user.organisationId,
    districtCodes: [],
  };
}

/** The demo partner's donation of the day: rice, picked up at its hall in the city centre. */
export function demoSupplyDonation(city: DemoCity, date: string, units: number): DonationInput {
  const hall = city.districts.find((d) => d.name === '중앙동') ?? city.districts[0];
  const expires = new Date(Date.parse(`${date}T00:00:00Z`) + 180 * 86_400_000);
  return {
    items: [
      {
        category: 'rice_grain',
        description: '쌀 10kg (지역 농협 기부)',
        quantity: units,
        unit: 'bag',
        weightKg: 10,
        storageClass: 'ambient',
        expiresOn: expires.toISOString().slice(0, 10),
      },
    ],
    pickup: {
      placeName: '익산로터리클럽 회관',
      address: '전북 익산시 중앙로 12',
      location: hall?.centre ?? { lat: 35.948, lng: 126.957 },
      window: { start: `${date}T09:00:00+09:00`, end: `${date}T11:00:00+09:00` },
    },
    restrictions: { householdTypes: [], districtCodes: [] },
  };
}

/**
 * Puts the demo partner's goods on the day's delivery pool through the real supply loop: the
 * partner posts a rice donation, the food bank accepts, picks it up and receives it (a lot),
 * caseworkers' needs are filed for a few of the day's households, matching allocates the lot
 * and `delivery.ordered` gives dispatch an open order for each. The day's plan then carries
 * the partner's goods, so its map has routes to show. Waits (bounded) for the events to land.
 */
export async function seedDemoSupply(options: {
  bus: Bus;
  city: DemoCity;
  date: string;
  log: Logger;
}): Promise<DemoSupplyReport> {
  const { bus, city, date, log } = options;
  const households = demoSupplyHouseholds(city, date);
  const system = { actor: SYSTEM_ACTOR, timeoutMs: 30_000 };
  const depot = city.depots.find((d) => d.kind === 'food_bank') ?? city.depots[0];
  if (!depot) throw new TypeError('the demo city has no depot');

  const donation = await bus.request(
    postDonation,
    demoSupplyDonation(city, date, households.length + 8),
    { actor: demoPartnerActor(city), timeoutMs: 30_000 },
  );
  await bus.request(acceptDonation, { donationId: donation.id }, system);
  await bus.request(recordPickup, { donationId: donation.id }, system);
  await bus.request(receiveDonation, { donationId: donation.id, depotId: depot.id }, system);

  const needIds = new Set<string>();
  for (const household of households) {
    const need = await bus.request(
      fileNeed,
      {
        householdId: household.id,
        category: 'rice_grain',
        quantity: 1,
        unit: 'bag',
        deadline: date,
        priority: NEED_PRIORITY,
        note: '지역 농협 기부 쌀',
      },
      system,
    );
    needIds.add(need.id);
  }

  // Matching hears of the needs and the lot from events: run until all are allocated.
  const districtCodes = [...new Set(households.map((h) => h.districtCode))];
  const deadline = Date.now() + SETTLE_MS;
  let allocations = 0;
  while (allocations < needIds.size && Date.now() < deadline) {
    const run = await bus.request(runAllocation, { districtCodes, deadlineUntil: date }, system);
    allocations += run.summary.allocations;
    // Once matching has seen the lot, a run that adds nothing means the rest stay unmet.
    if (allocations > 0 && run.summary.allocations === 0) break;
    if (allocations < needIds.size) await sleep(POLL_MS * 4);
  }
  let orders = 0;
  while (Date.now() < deadline) {
    orders = 0;
    let cursor: string | undefined;
    do {
      const page = await bus.request(
        listOrders,
        { statuses: ['open'], districtCodes, limit: 200, cursor },
        system,
      );
      orders += page.items.filter((o) => o.needIds.some((id) => needIds.has(id))).length;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    if (orders >= allocations) break;
    await sleep(POLL_MS);
  }
  log.info(
    { donationId: donation.id, needs: needIds.size, allocations, orders },
    "demo partner's goods on the day's pool",
  );
  return { donationId: donation.id, needs: needIds.size, allocations, orders };
}
