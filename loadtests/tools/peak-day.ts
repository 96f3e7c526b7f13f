// A day of delivery orders for the load tests: the demo city's fleet grown to a size, the fleet
// partitioned over the districts (every carrier's shift serves one district, in proportion to
// the district's orders), and the orders, all imported in bulk through dispatch's `import.bulk`.
import type { Bus } from '@anbu/bus';
import type { DemoCity } from '@anbu/demo-city';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import { importDispatchBulk } from '@anbu/contracts/rpc';
import { demoId, seedPayloads } from '@anbu/demo-city';

type Carrier = DemoCity['carriers'][number];

/** Today in Asia/Seoul (`YYYY-MM-DD`): the day a carrier's route belongs to. */
export function seoulToday(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Tomorrow in Asia/Seoul: the peak day the planning scenario plans (today's plan stays put). */
export function seoulTomorrow(now = new Date()): string {
  return seoulToday(new Date(now.getTime() + 86_400_000));
}

/** One district of a seeded day: its orders and the carriers whose shift serves it. */
export interface DayDistrict {
  readonly code: string;
  readonly orders: number;
  readonly carriers: number;
}

/** A seeded day: the fleet with a shift that day and the district each shift serves. */
export interface SeededDay {
  readonly date: string;
  readonly fleet: readonly Carrier[];
  /** The district of each carrier's shift that day. */
  readonly districtOf: ReadonlyMap<string, string>;
  readonly districts: readonly DayDistrict[];
}

/** Orders per bulk import request (well under NATS's 1 MiB message limit). */
const ORDER_BATCH = 1000;
const SHIFT_BATCH = 1000;

/**
 * The city's fleet grown to `count` carriers: copies of the demo carriers in turn (same kind,
 * vehicle, depot and shift hours), with ids of their own; the same ids for the same count, so
 * that days seeded one after the other share their carriers.
 */
export function growFleet(city: DemoCity, count: number): Carrier[] {
  const extra = Array.from({ length: Math.max(0, count - city.carriers.length) }, (_, n) => {
    const template = city.carriers[n % city.carriers.length];
    if (!template) throw new Error('the demo city has no carriers');
    const index = city.carriers.length + n;
    return {
      ...template,
      id: demoId(city.seed, 'carrier', `peak-${index}`),
      name: `${template.name} ${index + 1}`,
      vehicle: {
        ...template.vehicle,
        id: demoId(city.seed, 'vehicle', `peak-${index}`),
        label: `${template.vehicle.label} / ${index + 1}`,
      },
    };
  });
  return [...city.carriers, ...extra];
}

/**
 * Shares `carriers` out over the districts in proportion to their orders (largest remainder,
 * at least one each while there are carriers enough): how many carriers serve each district.
 */
export function shareCarriers(
  districts: readonly { readonly code: string; readonly orders: number }[],
  carriers: number,
): Map<string, number> {
  const share = new Map<string, number>();
  const total = districts.reduce((a, d) => a + d.orders, 0);
  const floor = carriers >= districts.length ? 1 : 0;
  const spare = carriers - floor * districts.length;
  const exact = districts.map((d) => ({
    code: d.code,
    n: total > 0 ? (spare * d.orders) / total : spare / districts.length,
  }));
  for (const e of exact) share.set(e.code, floor + Math.floor(e.n));
  let left = carriers - [...share.values()].reduce((a, n) => a + n, 0);
  const byRemainder = [...exact].sort((a, b) => (b.n % 1) - (a.n % 1));
  for (const e of byRemainder) {
    if (left <= 0) break;
    share.set(e.code, (share.get(e.code) ?? 0) + 1);
    left -= 1;
  }
  return share;
}

/** The depot nearest each district's centre: where its carriers' shifts start. */
function depotOfDistrict(city: DemoCity): Map<string, string> {
  const depots = new Map<string, string>();
  for (const district of city.districts) {
    let best: { id: string; d: number } | undefined;
    for (const depot of city.depots) {
      const d =
        (depot.location.lat - district.centre.lat) ** 2 +
        (depot.location.lng - district.centre.lng) ** 2;
      if (!best || d < best.d) best = { id: depot.id, d };
    }
    if (best) depots.set(district.code, best.id);
  }
  return depots;
}

/**
 * Seeds a day: `carriers` carriers (the city's, grown with copies) each with one shift that day
 * serving one district (the fleet partitioned over the districts in proportion to their orders,
 * starting from the depot nearest the district), and `orders` open delivery orders (households
 * with a delivery consent in turn, several orders each when there are more orders than them).
 */
export async function seedDay(options: {
  bus: Bus;
  city: DemoCity;
  date: string;
  orders: number;
  carriers: number;
  /** The shift's hours of a carrier that day. */
  window: (carrier: Carrier) => { start: string; end: string };
}): Promise<SeededDay> {
  const { bus, city, date } = options;
  const fleet = growFleet(city, Math.max(options.carriers, 1));
  const bulk = { actor: SYSTEM_ACTOR, timeoutMs: 180_000 };
  const added = fleet.slice(city.carriers.length);
  if (added.length > 0) {
    // The copies as the demo city's own seed imports carriers and their vehicles.
    const { vehicles, carriers } = seedPayloads({ ...city, carriers: added }).dispatch;
    await bus.request(importDispatchBulk, { vehicles, carriers }, bulk);
  }

  const households = city.households.filter((h) => h.consent?.scopes.includes('delivery') === true);
  // A prime stride spreads the orders over every district rather than the first few.
  const householdOf = (n: number) => {
    const household = households[(n * 7919) % households.length];
    if (!household) throw new Error('the demo city has no household with a delivery consent');
    return household;
  };
  const perDistrict = new Map<string, number>(city.districts.map((d) => [d.code, 0]));
  for (let n = 0; n < options.orders; n += 1) {
    const code = householdOf(n).districtCode;
    perDistrict.set(code, (perDistrict.get(code) ?? 0) + 1);
  }
  const ordered = [...perDistrict.entries()]
    .filter(([, orders]) => orders > 0)
    .map(([code, orders]) => ({ code, orders }));

  const share = shareCarriers(ordered, fleet.length);
  const districtOf = new Map<string, string>();
  let next = 0;
  for (const { code } of ordered) {
    for (let i = 0; i < (share.get(code) ?? 0); i += 1) {
      const carrier = fleet[next];
      next += 1;
      if (carrier) districtOf.set(carrier.id, code);
    }
  }
  const depots = depotOfDistrict(city);
  const shifts = fleet.flatMap((carrier) => {
    const districtCode = districtOf.get(carrier.id);
    if (!districtCode) return [];
    return [
      {
        id: demoId(city.seed, 'shift', `${date}:${carrier.id}`),
        carrierId: carrier.id,
        vehicleId: carrier.vehicle.id,
        date,
        window: options.window(carrier),
        startDepotId: depots.get(districtCode) ?? carrier.homeDepotId,
        districtCode,
        cancelled: false,
      },
    ];
  });
  for (let i = 0; i < shifts.length; i += SHIFT_BATCH) {
    await bus.request(importDispatchBulk, { shifts: shifts.slice(i, i + SHIFT_BATCH) }, bulk);
  }

  const createdAt = new Date().toISOString();
  for (let i = 0; i < options.orders; i += ORDER_BATCH) {
    const orders = Array.from({ length: Math.min(ORDER_BATCH, options.orders - i) }, (_, j) => {
      const n = i + j;
      const household = householdOf(n);
      return {
        id: demoId(city.seed, 'peak-order', `${date}:${n}`),
        kind: 'delivery' as const,
        householdId: household.id,
        districtCode: household.districtCode,
        items: [{ category: 'necessity_kit' as const, quantity: 1, unit: 'kit' as const }],
        deliverBy: date,
        priority: 50,
        status: 'open' as const,
        createdAt,
      };
    });
    await bus.request(importDispatchBulk, { orders }, bulk);
  }
  return {
    date,
    fleet: fleet.filter((c) => districtOf.has(c.id)),
    districtOf,
    districts: ordered.map((d) => ({ ...d, carriers: share.get(d.code) ?? 0 })),
  };
}
