import fc from 'fast-check';

import type { RoutingProblemInput } from '@anbu/contracts/routing';

/** Options of {@link problemArbitrary}. */
export interface ProblemArbitraryOptions {
  readonly maxJobs?: number;
  readonly maxShipments?: number;
  readonly maxVehicles?: number;
  /** Give vehicles breaks (linear evaluation path). */
  readonly breaks?: boolean;
  /** All vehicles alike (one class), as 2-opt* needs. */
  readonly sameFleet?: boolean;
}

const point = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));

/** Zero to two disjoint, sorted windows inside a 0–1000 horizon. */
const windows = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: 0, maxLength: 4 })
  .map((xs) => {
    const s = [...new Set(xs)].sort((a, b) => a - b);
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push([s[i] ?? 0, s[i + 1] ?? 0]);
    return out;
  });

const amount = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));

/**
 * Small random rich problems on a Euclidean 100×100 plane: two capacity dimensions, several
 * windows, skills, priorities, shipments, preferred vehicles, open routes, several depots, range
 * and stop limits, optional breaks.
 */
export function problemArbitrary(options: ProblemArbitraryOptions = {}): fc.Arbitrary<RoutingProblemInput> {
  const { maxJobs = 12, maxShipments = 3, maxVehicles = 3, breaks = false, sameFleet = false } = options;
  const job = fc.record({
    location: point,
    service: fc.integer({ min: 0, max: 30 }),
    delivery: amount,
    pickup: amount,
    timeWindows: windows,
    skills: fc.subarray([1, 2], { maxLength: 1 }),
    priority: fc.integer({ min: 0, max: 3 }),
    preferredVehicles: fc.subarray([1, 2, 3], { maxLength: 1 }),
  });
  const stop = fc.record({ location: point, service: fc.integer({ min: 0, max: 20 }), timeWindows: windows });
  const shipment = fc.record({ pickup: stop, delivery: stop, amount, skills: fc.subarray([1], { maxLength: 1 }) });
  const vehicle = fc.record({
    start: point,
    end: fc.option(point, { nil: undefined }),
    capacity: fc.tuple(fc.integer({ min: 5, max: 30 }), fc.integer({ min: 5, max: 30 })),
    skills: fc.subarray([1, 2]),
    timeWindow: fc.constantFrom<[number, number]>([0, 1000], [100, 900], [0, 600]),
    maxDistance: fc.option(fc.integer({ min: 100, max: 600 }), { nil: undefined }),
    maxTasks: fc.option(fc.integer({ min: 2, max: 8 }), { nil: undefined }),
    breaks: fc.boolean().map((on): { id: number; timeWindows: [number, number][]; service: number }[] =>
      breaks && on ? [{ id: 1, timeWindows: [[300, 500]], service: 30 }] : [],
    ),
    costs: fc.record({ fixed: fc.constantFrom(0, 50), perHour: fc.constant(0), perKm: fc.constant(1000) }),
  });
  return fc
    .record({
      jobs: fc.array(job, { maxLength: maxJobs }),
      shipments: fc.array(shipment, { maxLength: maxShipments }),
      vehicles: fc.array(vehicle, { minLength: 1, maxLength: maxVehicles }),
      objective: fc.constantFrom<'cost' | 'vehicles'>('cost', 'vehicles'),
      continuityCost: fc.constantFrom(0, 25),
      balanceWeight: fc.constantFrom(0, 0.01),
    })
    .map(({ jobs, shipments, vehicles, objective, continuityCost, balanceWeight }) => ({
      jobs: jobs.map((j, i) => ({ id: i + 1, ...j })),
      shipments: shipments.map((s, i) => ({
        ...s,
        pickup: { id: 1000 + 2 * i, ...s.pickup },
        delivery: { id: 1001 + 2 * i, ...s.delivery },
      })),
      vehicles: vehicles.map((v, i) => ({ ...(sameFleet ? vehicles[0] : v), id: i + 1 })),
      options: { geometry: 'euclidean' as const, speeds: { car: 1 }, objective, continuityCost, balanceWeight },
    }));
}
