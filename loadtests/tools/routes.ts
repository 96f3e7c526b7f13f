// Gives the carriers routes of today for the field-traffic scenario: delivery orders for
// households with a delivery consent, one planning run for today (Asia/Seoul) through the dispatch
// RPCs, the plan published, and a carrier user (gateway user + households membership) for every
// carrier with a route.
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { DemoCity } from '@anbu/demo-city';
import type { GatewayTables } from '@anbu/gateway';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import {
  createOrder,
  createShifts,
  getPlan,
  getPlanningRun,
  importBulk,
  importDispatchBulk,
  publishPlan,
  startPlanningRun,
} from '@anbu/contracts/rpc';
import { demoId } from '@anbu/demo-city';
import { createUser } from '@anbu/gateway';

const PASSWORD = 'loadtest-carrier-2026';

/** Today in Asia/Seoul (`YYYY-MM-DD`): the day a carrier's route belongs to. */
export function seoulToday(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export interface RoutesReport {
  readonly orders: number;
  readonly routedStops: number;
  readonly unassigned: number;
  readonly planningSeconds: number;
  readonly carriers: readonly { readonly login: string; readonly password: string }[];
  readonly notes: readonly string[];
}

/** Creates `orders` orders, plans and publishes today, and carrier users for the routes. */
export async function seedRoutes(options: {
  bus: Bus;
  db: Kysely<GatewayTables>;
  city: DemoCity;
  orders: number;
  timeLimitSeconds: number;
}): Promise<RoutesReport> {
  const { bus, city } = options;
  const date = seoulToday();
  // As the demo dispatcher: dispatch records who requested a run (a user id; `system` is refused).
  const dispatcher = city.users.find((u) => u.roles.includes('dispatcher'));
  if (!dispatcher) throw new Error('the demo city has no dispatcher');
  const CALL = {
    actor: {
      kind: 'user' as const,
      id: dispatcher.id,
      role: 'dispatcher' as const,
      organisationId: dispatcher.organisationId,
      districtCodes: [...dispatcher.districtCodes],
    },
    timeoutMs: 60_000,
  };
  const households = city.households
    .filter((h) => h.consent?.scopes.includes('delivery') === true)
    .slice(0, options.orders);
  for (const household of households) {
    await bus.request(
      createOrder,
      {
        kind: 'delivery',
        householdId: household.id,
        districtCode: household.districtCode,
        items: [{ category: 'necessity_kit', quantity: 1, unit: 'kit' }],
        deliverBy: date,
        priority: 50,
      },
      { ...CALL, idempotencyKey: `loadtest-order-${date}-${household.id}` },
    );
  }
  // Today's roster (the demo city seeds no dated shifts): every carrier from now to the end of
  // the day in Seoul, so that a run at any hour has shifts still ahead of it.
  const from = new Date(Date.now() + 120_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const shifts = city.carriers.map((carrier) => ({
    carrierId: carrier.id,
    vehicleId: carrier.vehicle.id,
    date,
    window: { start: from, end: `${date}T23:59:00+09:00` },
    startDepotId: carrier.homeDepotId,
  }));
  for (let i = 0; i < shifts.length; i += 500) {
    await bus.request(createShifts, { shifts: shifts.slice(i, i + 500) }, CALL);
  }
  const started = performance.now();
  let run = await bus.request(
    startPlanningRun,
    { date, timeLimitSeconds: options.timeLimitSeconds },
    CALL,
  );
  const deadline = Date.now() + (options.timeLimitSeconds + 240) * 1000;
  while ((run.status === 'queued' || run.status === 'running') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    run = await bus.request(getPlanningRun, { runId: run.id }, CALL);
  }
  const planningSeconds = (performance.now() - started) / 1000;
  if (run.status !== 'succeeded' || !run.planId) {
    throw new Error(`planning today's routes ended ${run.status}: ${run.error ?? 'no plan'}`);
  }
  const plan = await bus.request(getPlan, { planId: run.planId }, CALL);
  await bus.request(publishPlan, { planId: plan.id, expectedVersion: plan.version }, CALL);

  const routed = plan.routes.filter((r) => r.stops.length > 0);
  const carriers = routed.flatMap((route) => {
    const carrier = city.carriers.find((c) => c.id === route.carrierId);
    return carrier ? [carrier] : [];
  });
  const users = carriers.map((carrier, i) => ({
    id: demoId(city.seed, 'user', `loadtest-carrier-${carrier.id}`),
    login: `lt.carrier.${i + 1}`,
    carrier,
  }));
  await bus.request(
    importBulk,
    {
      memberships: users.map((u) => ({
        id: demoId(city.seed, 'membership', `${u.id}:carrier`),
        userId: u.id,
        role: 'carrier' as const,
        organisationId: u.carrier.organisationId,
        districtCodes: [u.carrier.districtCode],
        carrierId: u.carrier.id,
      })),
    },
    { actor: SYSTEM_ACTOR, timeoutMs: 60_000 },
  );
  for (const u of users) {
    await createUser(options.db, {
      id: u.id,
      login: u.login,
      displayName: u.carrier.name,
      password: PASSWORD,
    });
  }
  return {
    orders: households.length,
    routedStops: routed.reduce((a, r) => a + r.stops.length, 0),
    unassigned: plan.unassigned.length,
    planningSeconds,
    carriers: users.map((u) => ({ login: u.login, password: PASSWORD })),
    notes: run.notes.slice(0, 5),
  };
}

/** Tomorrow in Asia/Seoul: the peak day the planning scenario plans (today's plan stays put). */
export function seoulTomorrow(now = new Date()): string {
  return seoulToday(new Date(now.getTime() + 86_400_000));
}

export interface PlanningDay {
  readonly date: string;
  /** Carriers with a shift that day. */
  readonly carriers: number;
  readonly districts: readonly { readonly code: string; readonly orders: number }[];
}

/** Orders per bulk import request (well under NATS's 1 MiB message limit). */
const ORDER_BATCH = 1000;

/**
 * The city's fleet grown to `count` carriers for the peak day: copies of the demo carriers in
 * turn (same kind, vehicle, depot and shift hours), with ids of their own.
 */
function peakFleet(city: DemoCity, count: number): DemoCity['carriers'] {
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
 * The peak day for the planning scenario: `carriers` carriers (the city's, grown with copies of
 * them) with a shift tomorrow, and `orders` delivery orders for tomorrow (households in turn,
 * several orders each when there are more orders than households), imported in bulk.
 */
export async function seedPlanningDay(options: {
  bus: Bus;
  city: DemoCity;
  orders: number;
  carriers: number;
}): Promise<PlanningDay> {
  const { bus, city } = options;
  const date = seoulTomorrow();
  const fleet = peakFleet(city, options.carriers);
  const bulk = { actor: SYSTEM_ACTOR, timeoutMs: 180_000 };
  const added = fleet.slice(city.carriers.length);
  if (added.length > 0) {
    await bus.request(
      importDispatchBulk,
      {
        vehicles: added.map((c) => ({
          id: c.vehicle.id,
          organisationId: c.organisationId,
          name: c.vehicle.label,
          kind: c.vehicle.kind,
          capacity: c.vehicle.capacity,
          depotId: c.homeDepotId,
          speedKmh: c.vehicle.speedKmh,
          refrigerated: c.vehicle.refrigerated,
          active: true,
        })),
        carriers: added.map((c) => ({
          id: c.id,
          organisationId: c.organisationId,
          name: c.name,
          kind: c.kind,
          capacity: c.vehicle.capacity,
          homeDepotId: c.homeDepotId,
          skills: [...c.skills],
          vehicleId: c.vehicle.id,
          active: true,
        })),
      },
      bulk,
    );
  }
  const shifts = fleet.map((carrier) => ({
    id: demoId(city.seed, 'shift', `${date}:${carrier.id}`),
    carrierId: carrier.id,
    vehicleId: carrier.vehicle.id,
    date,
    window: {
      start: `${date}T${carrier.shift.start}:00+09:00`,
      end: `${date}T${carrier.shift.end}:00+09:00`,
    },
    startDepotId: carrier.homeDepotId,
    cancelled: false,
  }));
  await bus.request(importDispatchBulk, { shifts }, bulk);
  const households = city.households.filter((h) => h.consent?.scopes.includes('delivery') === true);
  const perDistrict = new Map<string, number>();
  const createdAt = new Date().toISOString();
  for (let i = 0; i < options.orders; i += ORDER_BATCH) {
    const orders = Array.from({ length: Math.min(ORDER_BATCH, options.orders - i) }, (_, j) => {
      const n = i + j;
      // A prime stride spreads the orders over every district rather than the first few.
      const household = households[(n * 7919) % households.length];
      if (!household) throw new Error('the demo city has no household with a delivery consent');
      perDistrict.set(household.districtCode, (perDistrict.get(household.districtCode) ?? 0) + 1);
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
    carriers: fleet.length,
    districts: [...perDistrict.entries()].map(([code, orders]) => ({ code, orders })),
  };
}
