import type { Objective, RoutingProblemInput } from '@anbu/contracts/routing';

import { InputFormatError } from '../errors.js';

/**
 * Reads a Solomon VRPTW file: the fleet size and capacity, the depot (customer 0, whose due date
 * is the horizon) and the customers. Euclidean distances in double precision, travel time equal
 * to distance, cost equal to distance.
 */
export function parseSolomon(text: string, objective: Objective = 'cost'): RoutingProblemInput {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const vehicleAt = lines.findIndex((l) => /^VEHICLE/i.test(l));
  const customerAt = lines.findIndex((l) => /^CUSTOMER/i.test(l));
  if (vehicleAt < 0 || customerAt < 0) throw new InputFormatError('solomon: missing VEHICLE or CUSTOMER section');
  const numeric = (l: string): number[] | null =>
    /^[\d.\s-]+$/.test(l) && l.length > 0 ? l.split(/\s+/).map(Number) : null;
  const fleetLine = lines.slice(vehicleAt + 1, customerAt).map(numeric).find((r) => r !== null);
  if (!fleetLine || fleetLine.length < 2) throw new InputFormatError('solomon: VEHICLE section lacks NUMBER and CAPACITY');
  const [fleet = 0, capacity = 0] = fleetLine;
  const rows = lines.slice(customerAt + 1).map(numeric).filter((r): r is number[] => r !== null);
  for (const [i, r] of rows.entries()) {
    if (r.length < 7 || r.some((x) => !Number.isFinite(x))) {
      throw new InputFormatError(`solomon: customer row ${i} has ${r.length} numbers, expected 7`);
    }
  }
  const depot = rows[0];
  if (depot?.[0] !== 0 || !depot) throw new InputFormatError('solomon: the first customer row must be the depot 0');
  const at = (r: readonly number[], i: number): number => r[i] ?? 0;
  const depotLoc: [number, number] = [at(depot, 1), at(depot, 2)];
  return {
    jobs: rows.slice(1).map((r) => ({
      id: at(r, 0),
      location: [at(r, 1), at(r, 2)],
      delivery: [at(r, 3)],
      timeWindows: [[at(r, 4), at(r, 5)]],
      service: at(r, 6),
    })),
    vehicles: Array.from({ length: fleet }, (_, i) => ({
      id: i + 1,
      start: depotLoc,
      end: depotLoc,
      capacity: [capacity],
      timeWindow: [at(depot, 4), at(depot, 5)],
      costs: { fixed: 0, perHour: 0, perKm: 1000 },
    })),
    options: { geometry: 'euclidean', speeds: { car: 1 }, objective },
  };
}
