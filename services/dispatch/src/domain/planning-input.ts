import type {
  Capacity,
  Carrier,
  CarrierKind,
  Coordinates,
  DeliveryOrder,
  DeliveryOrderKind,
  Shift,
  UnassignedOrder,
  Vehicle,
} from '@anbu/contracts';
import type { RoutingProblemInput } from '@anbu/contracts/routing';

/** What a routing job index stands for. */
export interface JobRef {
  readonly orderId: string;
  readonly kind: DeliveryOrderKind;
  readonly householdId?: string | undefined;
  readonly serviceSeconds: number;
  readonly window?: { start: string; end: string } | undefined;
  /** Kept on its route by a dispatcher's lock (re-plans carry the lock on). */
  readonly locked?: boolean | undefined;
}

/** What a routing vehicle index stands for. */
export interface VehicleRef {
  readonly carrierId: string;
  readonly vehicleId?: string | undefined;
  readonly shiftId: string;
  readonly startDepotId: string;
}

/**
 * A run's routing problem and the maps back to dispatch records, stored with the run so that
 * any replica can solve it again. Job `i` is `jobs[i]`, vehicle `v` is `vehicles[v]`; times are
 * seconds after `origin`.
 */
export interface PlanningInput {
  readonly problem: RoutingProblemInput;
  readonly origin: string;
  readonly jobs: readonly JobRef[];
  readonly vehicles: readonly VehicleRef[];
  /** Orders left out before solving (no location, …), with reasons. */
  readonly unassigned: readonly UnassignedOrder[];
  readonly notes: readonly string[];
}

/** Seconds a carrier spends at a stop, by order kind. */
export const SERVICE_SECONDS: Readonly<Record<DeliveryOrderKind, number>> = Object.freeze({
  delivery: 180,
  pickup: 300,
  visit: 600,
});

/** Routing profile and speed (km/h) of each carrier kind. */
export const PROFILES: Readonly<Record<CarrierKind, { profile: string; speedKmh: number }>> =
  Object.freeze({
    postal_motorbike: { profile: 'bike', speedKmh: 30 },
    van: { profile: 'van', speedKmh: 35 },
    car: { profile: 'car', speedKmh: 35 },
    walking_volunteer: { profile: 'foot', speedKmh: 4.5 },
    drone: { profile: 'drone', speedKmh: 60 },
  });

/** Skill indices of the routing problem. */
const SKILL = Object.freeze({ chilled: 0, frozen: 1, welfareCheck: 2 });
/**
 * Skills from here on pin locked stops: vehicle `v` alone has skill `LOCK_SKILL_BASE + v`, and a
 * stop locked to it requires that skill, so no other vehicle may take it.
 */
export const LOCK_SKILL_BASE = 1000;
/** A locked stop must not be the one dropped when capacity runs short. */
const LOCKED_PRIORITY = 100;

/** A stop a dispatcher locked in the plan being re-planned: its order stays with this shift. */
export interface StopLock {
  readonly orderId: string;
  readonly shiftId: string;
}

const BOX_UNITS: ReadonlySet<string> = new Set(['box', 'kit', 'set', 'bag']);

/** An order's load as `[boxes, kg, chilledBoxes]`. */
export function orderAmount(order: DeliveryOrder): [number, number, number] {
  if (order.kind === 'visit') return [0, 0, 0];
  let boxes = 0;
  let kg = 0;
  for (const line of order.items) {
    if (line.unit === 'visit') continue;
    boxes += BOX_UNITS.has(line.unit) ? Math.ceil(line.quantity) : 1;
    kg += line.weightKg ?? (line.unit === 'kg' ? line.quantity : 0);
  }
  boxes = Math.max(1, boxes);
  return [boxes, kg, order.storageClass === 'ambient' ? 0 : boxes];
}

const capacityVector = (c: Capacity): number[] => [c.boxes, c.kg, c.chilledBoxes];
const lngLat = (c: Coordinates): [number, number] => [c.lng, c.lat];

/** Everything {@link buildPlanningInput} plans from. */
export interface PlanningSources {
  readonly orders: readonly DeliveryOrder[];
  /** Household locations (from households' delivery profiles). */
  readonly locations: ReadonlyMap<string, Coordinates>;
  readonly depots: ReadonlyMap<string, Coordinates>;
  readonly carriers: readonly Carrier[];
  readonly vehicles: ReadonlyMap<string, Vehicle>;
  /** The day's shifts (cancelled ones are ignored). */
  readonly shifts: readonly Shift[];
  /** Locked stops of the plan being re-planned. */
  readonly locks?: readonly StopLock[];
  /** What gathering the sources left out or assumed, for the run's notes. */
  readonly notes?: readonly string[];
}

/**
 * Builds the routing problem of a day: one job per open order with a known place, one routing
 * vehicle per (active carrier, shift). Carriers without a shift that day are skipped and named in
 * the notes: the carrier model has no default availability to fall back on.
 */
export function buildPlanningInput(sources: PlanningSources): PlanningInput {
  const notes: string[] = [...(sources.notes ?? [])];
  const unassigned: UnassignedOrder[] = [];
  const shifts = sources.shifts.filter((s) => !s.cancelled);
  const origin = shifts.reduce(
    (min, s) => Math.min(min, Date.parse(s.window.start)),
    Number.POSITIVE_INFINITY,
  );
  const t0 = Number.isFinite(origin) ? origin : 0;
  const rel = (iso: string) => Math.max(0, Math.round((Date.parse(iso) - t0) / 1000));

  const vehicles: VehicleRef[] = [];
  const routingVehicles: NonNullable<RoutingProblemInput['vehicles']> = [];
  const speeds: Record<string, number> = {};
  const byCarrier = new Map<string, Shift[]>();
  for (const s of shifts) byCarrier.set(s.carrierId, [...(byCarrier.get(s.carrierId) ?? []), s]);
  for (const carrier of sources.carriers) {
    if (!carrier.active) continue;
    const carrierShifts = byCarrier.get(carrier.id) ?? [];
    if (carrierShifts.length === 0) {
      notes.push(`carrier ${carrier.id} (${carrier.name}) has no shift that day: skipped`);
      continue;
    }
    for (const shift of carrierShifts) {
      const start = sources.depots.get(shift.startDepotId);
      const end = sources.depots.get(shift.endDepotId ?? shift.startDepotId);
      if (!start || !end) {
        notes.push(
          `shift ${shift.id} of carrier ${carrier.id} starts or ends at an unknown depot: skipped`,
        );
        continue;
      }
      const vehicleId = shift.vehicleId ?? carrier.vehicleId;
      const vehicle = vehicleId ? sources.vehicles.get(vehicleId) : undefined;
      const { profile, speedKmh } = PROFILES[carrier.kind];
      speeds[profile] = speedKmh;
      const skills: number[] = [];
      if (carrier.skills.includes('chilled') || vehicle?.refrigerated) skills.push(SKILL.chilled);
      if (carrier.skills.includes('frozen')) skills.push(SKILL.frozen);
      if (carrier.skills.includes('welfare_check')) skills.push(SKILL.welfareCheck);
      const budget = shift.anbuTimeBudgetMinutes ?? carrier.anbuTimeBudgetMinutes;
      routingVehicles.push({
        id: vehicles.length,
        profile,
        start: lngLat(start),
        end: lngLat(end),
        capacity: capacityVector(vehicle?.capacity ?? carrier.capacity),
        skills,
        timeWindow: [rel(shift.window.start), rel(shift.window.end)],
        ...(budget !== undefined ? { maxTravelTime: budget * 60 } : {}),
        ...(vehicle?.rangeKm !== undefined ? { maxDistance: vehicle.rangeKm * 1000 } : {}),
      });
      vehicles.push({
        carrierId: carrier.id,
        vehicleId,
        shiftId: shift.id,
        startDepotId: shift.startDepotId,
      });
    }
  }

  const vehicleOfShift = new Map(vehicles.map((v, index) => [v.shiftId, index]));
  const lockedTo = new Map<string, number>();
  for (const lock of sources.locks ?? []) {
    const index = vehicleOfShift.get(lock.shiftId);
    if (index === undefined) {
      notes.push(`order ${lock.orderId} was locked to shift ${lock.shiftId}, which is not planned`);
      continue;
    }
    lockedTo.set(lock.orderId, index);
    const vehicle = routingVehicles[index];
    const skill = LOCK_SKILL_BASE + index;
    if (vehicle && !vehicle.skills?.includes(skill)) {
      routingVehicles[index] = { ...vehicle, skills: [...(vehicle.skills ?? []), skill] };
    }
  }

  const jobs: JobRef[] = [];
  const routingJobs: NonNullable<RoutingProblemInput['jobs']> = [];
  for (const order of sources.orders) {
    if (order.kind === 'pickup') {
      unassigned.push({
        orderId: order.id,
        reason: 'not_supported',
        message: 'pickups are not planned yet (the donation place is not resolved)',
      });
      continue;
    }
    const place = order.householdId ? sources.locations.get(order.householdId) : undefined;
    if (!place) {
      unassigned.push({
        orderId: order.id,
        reason: 'no_location',
        message: 'the household has no delivery location',
      });
      continue;
    }
    const serviceSeconds = SERVICE_SECONDS[order.kind];
    const lock = lockedTo.get(order.id);
    const skills: number[] =
      order.storageClass === 'chilled'
        ? [SKILL.chilled]
        : order.storageClass === 'frozen'
          ? [SKILL.frozen]
          : [];
    // A welfare visit is the check itself: only a carrier trained for it may make it.
    if (order.kind === 'visit') skills.push(SKILL.welfareCheck);
    if (lock !== undefined) skills.push(LOCK_SKILL_BASE + lock);
    routingJobs.push({
      id: jobs.length,
      location: lngLat(place),
      service: serviceSeconds,
      timeWindows: order.window ? [[rel(order.window.start), rel(order.window.end)]] : [],
      delivery: orderAmount(order),
      skills,
      priority: lock === undefined ? order.priority : Math.max(order.priority, LOCKED_PRIORITY),
    });
    jobs.push({
      orderId: order.id,
      kind: order.kind,
      householdId: order.householdId,
      serviceSeconds,
      window: order.window,
      ...(lock !== undefined ? { locked: true } : {}),
    });
  }

  return {
    problem: {
      jobs: routingJobs,
      vehicles: routingVehicles,
      options: { geometry: 'haversine', speeds, objective: 'cost' },
    },
    origin: new Date(t0).toISOString(),
    jobs,
    vehicles,
    unassigned,
    notes,
  };
}
