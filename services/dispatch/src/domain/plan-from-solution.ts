import type { Coordinates, Plan, Route, Stop, UnassignedOrder } from '@anbu/contracts';
import type { RoutingSolution, UnassignedReason } from '@anbu/contracts/routing';

import type { PlanningInput } from './planning-input.js';

/** Human words for the solver's reasons. */
const REASON_MESSAGES: Readonly<Record<UnassignedReason, string>> = Object.freeze({
  skill: 'no carrier on shift has the skill (chilled / frozen / welfare check) it needs',
  capacity: 'no carrier on shift has room for its load',
  time_window: 'no carrier on shift can reach it inside its time window',
  range: 'out of range of every carrier on shift',
  max_duration: 'it would push every route over its time budget',
  max_tasks: 'every route is at its stop limit',
  precedence: 'its pickup and delivery could not be paired',
  no_vehicle: 'no carrier has a shift that day',
});

const coordinates = (location: readonly number[] | undefined): Coordinates | undefined =>
  location && location.length >= 2 ? { lng: location[0] ?? 0, lat: location[1] ?? 0 } : undefined;

/** What {@link planFromSolution} needs besides the solution. */
export interface PlanContext {
  readonly planId: string;
  readonly runId: string;
  readonly date: string;
  readonly createdAt: string;
  readonly newId: () => string;
}

/**
 * Turns the solver's plan into dispatch's: routes of carriers with ordered stops and ETAs, and
 * every order not on a route given a reason (the solver's, or dispatch's own from
 * {@link PlanningInput.unassigned}). An order is in exactly one of the two.
 */
export function planFromSolution(
  input: PlanningInput,
  solution: RoutingSolution,
  context: PlanContext,
): Plan {
  const steps = buildPlan(input, solution, context);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link planFromSolution} one route at a time: the generator pauses after each route, so that
 * a caller on a busy event loop can let other work run in between (a city's day is hundreds of
 * stops).
 */
export function* buildPlan(
  input: PlanningInput,
  solution: RoutingSolution,
  context: PlanContext,
): Generator<undefined, Plan, undefined> {
  const origin = Date.parse(input.origin);
  const at = (seconds: number) => new Date(origin + Math.round(seconds) * 1000).toISOString();
  const served = new Set<number>();
  const routes: Route[] = [];
  for (const r of solution.routes) {
    const vehicle = input.vehicles[r.vehicle];
    if (!vehicle) continue;
    const routingVehicle = input.problem.vehicles?.[r.vehicle];
    const routeId = context.newId();
    const stops: Stop[] = [];
    let maxLoad = [0, 0, 0];
    let previous = { distance: 0, duration: 0 };
    for (const step of r.steps) {
      maxLoad = maxLoad.map((v, i) => Math.max(v, step.load[i] ?? 0));
      if (step.type !== 'job' || step.id === undefined) continue;
      const job = input.jobs[step.id];
      if (!job) continue;
      served.add(step.id);
      const amount = input.problem.jobs?.[step.id]?.delivery ?? [];
      const location = coordinates(step.location);
      const leg = {
        meters: Math.round(step.distance - previous.distance),
        seconds: Math.round(step.duration - previous.duration),
      };
      previous = step;
      stops.push({
        id: context.newId(),
        routeId,
        orderId: job.orderId,
        kind: job.kind,
        householdId: job.householdId,
        sequence: stops.length,
        eta: at(step.serviceStart),
        window: job.window,
        serviceSeconds: job.serviceSeconds,
        status: 'planned',
        locked: job.locked ?? false,
        updatedAt: context.createdAt,
        ...(location ? { location } : {}),
        amount: {
          boxes: Math.ceil(amount[0] ?? 0),
          kg: amount[1] ?? 0,
          chilledBoxes: Math.ceil(amount[2] ?? 0),
        },
        travelSeconds: Math.max(0, leg.seconds),
        travelMeters: Math.max(0, leg.meters),
      });
    }
    if (stops.length === 0) continue;
    const geometry = r.steps.flatMap((s) =>
      s.location ? [{ lng: s.location[0], lat: s.location[1] }] : [],
    );
    const first = r.steps[0];
    const start = coordinates(routingVehicle?.start);
    const end = coordinates(routingVehicle?.end);
    const profile = routingVehicle?.profile ?? 'car';
    const speedKmh = input.problem.options?.speeds?.[profile];
    const shiftEnd = routingVehicle?.timeWindow?.[1];
    routes.push({
      id: routeId,
      planId: context.planId,
      date: context.date,
      carrierId: vehicle.carrierId,
      vehicleId: vehicle.vehicleId,
      shiftId: vehicle.shiftId,
      startDepotId: vehicle.startDepotId,
      stops,
      load: {
        boxes: Math.ceil(maxLoad[0] ?? 0),
        kg: maxLoad[1] ?? 0,
        chilledBoxes: Math.ceil(maxLoad[2] ?? 0),
      },
      distanceMeters: Math.round(r.distance),
      // How long the carrier is out: leaving the start depot to arriving at the end one.
      durationSeconds: Math.max(
        0,
        Math.round((r.steps.at(-1)?.arrival ?? 0) - (first?.serviceStart ?? 0)),
      ),
      geometry,
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      ...(first ? { departAt: at(first.serviceStart) } : {}),
      ...(shiftEnd !== undefined ? { shiftEnd: at(shiftEnd) } : {}),
      ...(speedKmh !== undefined ? { speedKmh } : {}),
    });
    yield;
  }
  const reasons = new Map(solution.unassigned.map((u) => [u.id, u.reason]));
  const unassigned: UnassignedOrder[] = [...input.unassigned];
  input.jobs.forEach((job, id) => {
    if (served.has(id)) return;
    const reason = reasons.get(id) ?? 'no_vehicle';
    unassigned.push({ orderId: job.orderId, reason, message: REASON_MESSAGES[reason] });
  });
  return {
    id: context.planId,
    runId: context.runId,
    date: context.date,
    status: 'draft',
    routes,
    unassigned,
    totalDistanceMeters: routes.reduce((sum, r) => sum + r.distanceMeters, 0),
    totalDurationSeconds: routes.reduce((sum, r) => sum + r.durationSeconds, 0),
    version: 1,
    createdAt: context.createdAt,
  };
}
