// Gives the carriers routes of today for the field-traffic scenario: a day of delivery orders
// with the fleet partitioned over the districts (tools/peak-day.ts), one planning run per
// district for today (Asia/Seoul) through the dispatch RPCs, all at once, every district's plan
// published, and a carrier user (gateway user + households membership) for every carrier with
// a route. Also seeds tomorrow, the peak day the planning scenario plans.
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { PlanningRun } from '@anbu/contracts';
import type { DemoCity } from '@anbu/demo-city';
import type { GatewayTables } from '@anbu/gateway';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import {
  getPlan,
  getPlanningRun,
  importBulk,
  publishPlan,
  startPlanningRun,
} from '@anbu/contracts/rpc';
import { demoId } from '@anbu/demo-city';
import { createUser } from '@anbu/gateway';

import type { DayDistrict } from './peak-day.ts';
import { seedDay, seoulToday, seoulTomorrow } from './peak-day.ts';

export { seoulToday, seoulTomorrow };

const PASSWORD = 'loadtest-carrier-2026';

export interface RoutesReport {
  readonly orders: number;
  readonly districts: number;
  readonly fleet: number;
  readonly routedStops: number;
  readonly unassigned: number;
  /** Unassigned orders by reason. */
  readonly reasons: Readonly<Record<string, number>>;
  readonly planningSeconds: number;
  readonly timeLimitSeconds: number;
  readonly carriers: readonly { readonly login: string; readonly password: string }[];
  /** Every stop once, the carriers in turn (`carrier` indexes `carriers`). */
  readonly stops: readonly { readonly carrier: number; readonly stopId: string }[];
  readonly notes: readonly string[];
}

/** Every stop once, each carrier's first stop, then each one's second, and so on. */
function interleaved(routes: readonly (readonly string[])[]): RoutesReport['stops'] {
  const all: { carrier: number; stopId: string }[] = [];
  const longest = routes.reduce((a, r) => Math.max(a, r.length), 0);
  for (let n = 0; n < longest; n += 1) {
    routes.forEach((stops, carrier) => {
      const stopId = stops[n];
      if (stopId !== undefined) all.push({ carrier, stopId });
    });
  }
  return all;
}

/** The demo dispatcher as an RPC caller: dispatch records who requested a run. */
function dispatcherCall(city: DemoCity) {
  const dispatcher = city.users.find((u) => u.roles.includes('dispatcher'));
  if (!dispatcher) throw new Error('the demo city has no dispatcher');
  return {
    actor: {
      kind: 'user' as const,
      id: dispatcher.id,
      role: 'dispatcher' as const,
      organisationId: dispatcher.organisationId,
      districtCodes: [...dispatcher.districtCodes],
    },
    timeoutMs: 60_000,
  };
}

/** Starts every district's run at once and waits for them all (solved a few at a time). */
async function planDistricts(options: {
  bus: Bus;
  call: ReturnType<typeof dispatcherCall>;
  date: string;
  districts: readonly DayDistrict[];
  timeLimitSeconds: number;
}): Promise<PlanningRun[]> {
  const { bus, call, date } = options;
  let runs = await Promise.all(
    options.districts.map((d) =>
      bus.request(
        startPlanningRun,
        { date, districtCodes: [d.code], timeLimitSeconds: options.timeLimitSeconds },
        call,
      ),
    ),
  );
  const waves = Math.ceil(runs.length / 2);
  const deadline = Date.now() + (waves * (options.timeLimitSeconds + 30) + 240) * 1000;
  const open = (run: PlanningRun) => run.status === 'queued' || run.status === 'running';
  while (runs.some(open) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    runs = await Promise.all(
      runs.map((run) =>
        open(run) ? bus.request(getPlanningRun, { runId: run.id }, call) : Promise.resolve(run),
      ),
    );
  }
  return runs;
}

/**
 * Seeds `orders` orders of today with `carriers` carriers partitioned over the districts, plans
 * every district (`timeLimitSeconds` each), publishes every district's plan, and creates a
 * carrier user for every carrier with a route.
 */
export async function seedRoutes(options: {
  bus: Bus;
  db: Kysely<GatewayTables>;
  city: DemoCity;
  orders: number;
  carriers: number;
  timeLimitSeconds: number;
}): Promise<RoutesReport> {
  const { bus, city } = options;
  const call = dispatcherCall(city);
  const date = seoulToday();
  // Today's roster: from now to the end of the day in Seoul, so that a run at any hour has
  // shifts still ahead of it.
  const from = new Date(Date.now() + 120_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const day = await seedDay({
    bus,
    city,
    date,
    orders: options.orders,
    carriers: options.carriers,
    window: () => ({ start: from, end: `${date}T23:59:00+09:00` }),
  });
  const started = performance.now();
  const runs = await planDistricts({
    bus,
    call,
    date,
    districts: day.districts,
    timeLimitSeconds: options.timeLimitSeconds,
  });
  const planningSeconds = (performance.now() - started) / 1000;
  const failed = runs.filter((run) => run.status !== 'succeeded' || !run.planId);
  if (failed.length > 0) {
    const first = failed[0];
    throw new Error(
      `planning today's routes: ${failed.length} of ${runs.length} district runs ended without a plan (${first?.status}: ${first?.error ?? 'no plan'})`,
    );
  }
  let routedStops = 0;
  let unassigned = 0;
  const reasons: Record<string, number> = {};
  const routedCarriers = new Set<string>();
  const stopsOf = new Map<string, string[]>();
  for (const run of runs) {
    const plan = await bus.request(getPlan, { planId: run.planId ?? '' }, call);
    await bus.request(publishPlan, { planId: plan.id, expectedVersion: plan.version }, call);
    for (const route of plan.routes) {
      if (route.stops.length === 0) continue;
      routedStops += route.stops.length;
      if (routedCarriers.has(route.carrierId)) {
        throw new Error(`carrier ${route.carrierId} is on two district plans of ${date}`);
      }
      routedCarriers.add(route.carrierId);
      stopsOf.set(
        route.carrierId,
        route.stops.map((stop) => stop.id),
      );
    }
    unassigned += plan.unassigned.length;
    for (const u of plan.unassigned) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  }

  const carriers = day.fleet.filter((c) => routedCarriers.has(c.id));
  const users = carriers.map((carrier, i) => ({
    id: demoId(city.seed, 'user', `loadtest-carrier-${carrier.id}`),
    login: `lt.carrier.${i + 1}`,
    carrier,
    districtCode: day.districtOf.get(carrier.id) ?? carrier.districtCode,
  }));
  for (let i = 0; i < users.length; i += 500) {
    await bus.request(
      importBulk,
      {
        memberships: users.slice(i, i + 500).map((u) => ({
          id: demoId(city.seed, 'membership', `${u.id}:carrier`),
          userId: u.id,
          role: 'carrier' as const,
          organisationId: u.carrier.organisationId,
          districtCodes: [u.districtCode],
          carrierId: u.carrier.id,
        })),
      },
      { actor: SYSTEM_ACTOR, timeoutMs: 60_000 },
    );
  }
  for (const u of users) {
    await createUser(options.db, {
      id: u.id,
      login: u.login,
      displayName: u.carrier.name,
      password: PASSWORD,
    });
  }
  return {
    orders: options.orders,
    districts: runs.length,
    fleet: day.fleet.length,
    routedStops,
    unassigned,
    reasons,
    planningSeconds,
    timeLimitSeconds: options.timeLimitSeconds,
    carriers: users.map((u) => ({ login: u.login, password: PASSWORD })),
    stops: interleaved(users.map((u) => stopsOf.get(u.carrier.id) ?? [])),
    notes: runs.flatMap((run) => run.notes).slice(0, 5),
  };
}

/** The peak day the planning scenario plans, district by district. */
export interface PlanningDay {
  readonly date: string;
  /** Carriers with a shift that day. */
  readonly carriers: number;
  readonly districts: readonly DayDistrict[];
}

/**
 * The peak day for the planning scenario: `carriers` carriers (the city's, grown with copies of
 * them) with a shift tomorrow at their usual hours, each serving one district, and `orders`
 * delivery orders for tomorrow, imported in bulk.
 */
export async function seedPlanningDay(options: {
  bus: Bus;
  city: DemoCity;
  orders: number;
  carriers: number;
}): Promise<PlanningDay> {
  const date = seoulTomorrow();
  const day = await seedDay({
    ...options,
    date,
    window: (carrier) => ({
      start: `${date}T${carrier.shift.start}:00+09:00`,
      end: `${date}T${carrier.shift.end}:00+09:00`,
    }),
  });
  return { date, carriers: day.fleet.length, districts: day.districts };
}
