import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Actor, Carrier, Coordinates, Shift, Vehicle } from '@anbu/contracts';
import { getDeliveryProfiles, listDepots } from '@anbu/contracts/rpc';

import type { PlanningSources } from '../domain/planning-input.js';
import type { DispatchDatabase } from '../repo/schema.js';
import { listCarrierRows } from '../repo/carriers.js';
import { openOrders } from '../repo/orders.js';
import { listShiftRows, rosterHasDistricts } from '../repo/shifts.js';
import { listVehicleRows } from '../repo/vehicles.js';

/** Dispatch calls other services as itself. */
export const DISPATCH_ACTOR: Actor = Object.freeze({
  kind: 'service',
  id: 'dispatch',
  districtCodes: [],
});

const PAGE = 200;
const PROFILE_BATCH = 5000;

async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return all;
}

/**
 * Gathers what a day's plan is built from: open orders (of some districts), household
 * locations from the households service, depot locations from donations, and the fleet: the
 * active carriers and the day's shifts. A whole-area run plans every shift of the day; a
 * district run only the shifts serving its districts, so that districts planned in parallel
 * never share a carrier. A roster naming no district at all (shifts from before districts)
 * serves every run, and the run's notes say so.
 */
export async function loadPlanningSources(deps: {
  db: Kysely<DispatchDatabase>;
  bus: Bus;
  date: string;
  districtCodes: readonly string[];
}): Promise<PlanningSources> {
  const { db, bus, date } = deps;
  const orders = await openOrders(db, deps.districtCodes);
  const householdIds = [...new Set(orders.flatMap((o) => (o.householdId ? [o.householdId] : [])))];
  const locations = new Map<string, Coordinates>();
  for (let i = 0; i < householdIds.length; i += PROFILE_BATCH) {
    const { profiles } = await bus.request(
      getDeliveryProfiles,
      { householdIds: householdIds.slice(i, i + PROFILE_BATCH) },
      { actor: DISPATCH_ACTOR, timeoutMs: 30_000 },
    );
    for (const p of profiles) locations.set(p.householdId, p.location);
  }
  const { items: depotList } = await bus.request(listDepots, {}, { actor: DISPATCH_ACTOR });
  const depots = new Map(depotList.map((d) => [d.id, d.location]));
  const carriers: Carrier[] = await allPages((cursor) =>
    listCarrierRows(db, { active: true, cursor, limit: PAGE }),
  );
  const vehicleList: Vehicle[] = await allPages((cursor) =>
    listVehicleRows(db, { cursor, limit: PAGE }),
  );
  const notes: string[] = [];
  let districtCodes = deps.districtCodes;
  if (districtCodes.length > 0 && !(await rosterHasDistricts(db, date))) {
    districtCodes = [];
    notes.push(
      `no shift of ${date} names its district: every shift planned (district runs of the day may share carriers)`,
    );
  }
  const shifts: Shift[] = await allPages((cursor) =>
    listShiftRows(db, { date, districtCodes, cursor, limit: PAGE }),
  );
  // A district run's fleet is the carriers serving its districts: the others are not skipped,
  // they work elsewhere (and are not named in the run's notes).
  const serving = new Set(shifts.map((s) => s.carrierId));
  return {
    orders,
    locations,
    depots,
    carriers: districtCodes.length > 0 ? carriers.filter((c) => serving.has(c.id)) : carriers,
    vehicles: new Map(vehicleList.map((v) => [v.id, v])),
    shifts,
    notes,
  };
}
