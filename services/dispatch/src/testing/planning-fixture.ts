import type { z } from 'zod';

import type { Bus, Server } from '@anbu/bus';
import type { Carrier, Coordinates, PlanningRun, Shift } from '@anbu/contracts';
import type { deliveryOrderInputSchema } from '@anbu/contracts/rpc';
import { handle } from '@anbu/bus';
import {
  createOrder,
  getDeliveryProfiles,
  getPlanningRun,
  importDispatchBulk,
  listDepots,
} from '@anbu/contracts/rpc';

import { dispatcher, FIXTURE } from './harness.js';

type OrderInput = z.input<typeof deliveryOrderInputSchema>;

/** A small generated city: a depot, households around it, carriers with shifts, orders. */
export interface PlanningCity {
  readonly date: string;
  readonly depot: Coordinates;
  readonly locations: ReadonlyMap<string, Coordinates>;
  readonly carriers: readonly Carrier[];
  readonly shifts: readonly Shift[];
  readonly orders: readonly OrderInput[];
}

const uuid = (prefix: number, n: number) =>
  `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Generates `orders` delivery orders around one depot and `carriers` postal carriers with a
 * shift that day, plus one carrier without a shift. The last order is chilled (no carrier can
 * take it) and the two before it are for households without a location.
 */
export function generateCity(options: {
  orders: number;
  carriers: number;
  seed?: number;
}): PlanningCity {
  const next = random(options.seed ?? 1);
  const date = '2026-12-01';
  const depot = { lat: 35.948, lng: 126.957 };
  const locations = new Map<string, Coordinates>();
  const orders: OrderInput[] = [];
  for (let i = 0; i < options.orders; i++) {
    const householdId = uuid(0xa0, i);
    const withoutLocation = i >= options.orders - 3 && i < options.orders - 1;
    if (!withoutLocation) {
      locations.set(householdId, {
        lat: depot.lat + (next() - 0.5) * 0.06,
        lng: depot.lng + (next() - 0.5) * 0.07,
      });
    }
    const chilled = i === options.orders - 1;
    orders.push({
      kind: i % 10 === 9 ? 'visit' : 'delivery',
      householdId,
      districtCode: '4514000000',
      depotId: FIXTURE.depotId,
      items: [{ category: 'meal_box', quantity: 1 + Math.floor(next() * 2), unit: 'box' }],
      storageClass: chilled ? 'chilled' : 'ambient',
      deliverBy: date,
      priority: Math.floor(next() * 50),
    });
  }
  const carriers: Carrier[] = [];
  const shifts: Shift[] = [];
  for (let c = 0; c <= options.carriers; c++) {
    const id = uuid(0xc0, c);
    carriers.push({
      id,
      organisationId: FIXTURE.postOfficeId,
      name: `집배원 ${c + 1}`,
      kind: 'postal_motorbike',
      capacity: { boxes: 16, kg: 60, chilledBoxes: 0 },
      homeDepotId: FIXTURE.depotId,
      skills: ['welfare_check'],
      active: true,
    });
    // The last carrier has no shift: the run must say it was skipped.
    if (c === options.carriers) continue;
    shifts.push({
      id: uuid(0x50, c),
      carrierId: id,
      date,
      window: { start: `${date}T00:00:00.000Z`, end: `${date}T08:00:00.000Z` },
      startDepotId: FIXTURE.depotId,
      cancelled: false,
    });
  }
  return { date, depot, locations, carriers, shifts, orders };
}

/**
 * Serves what planning asks of the households and donations services (delivery profiles,
 * depots) from the city, standing in for those services on the bus.
 */
export async function serveNeighbours(bus: Bus, city: PlanningCity): Promise<Server> {
  return bus.serve([
    handle(getDeliveryProfiles, (input) =>
      Promise.resolve({
        profiles: input.householdIds.flatMap((householdId) => {
          const location = city.locations.get(householdId);
          return location ? [{ householdId, districtCode: '4514000000', location }] : [];
        }),
      }),
    ),
    handle(listDepots, () =>
      Promise.resolve({
        items: [
          {
            id: FIXTURE.depotId,
            organisationId: FIXTURE.postOfficeId,
            name: '익산우체국',
            address: '전북 익산시',
            location: city.depot,
            districtCode: '4514000000',
            storageClasses: ['ambient' as const],
            capacityBoxes: {},
            active: true,
          },
        ],
      }),
    ),
  ]);
}

/** Loads the city's fleet and orders into dispatch through its RPCs; returns the order ids. */
export async function seedCity(bus: Bus, city: PlanningCity): Promise<string[]> {
  await bus.request(
    importDispatchBulk,
    { carriers: [...city.carriers], shifts: [...city.shifts] },
    { actor: { ...dispatcher, role: 'admin' } },
  );
  const ids: string[] = [];
  for (const order of city.orders) {
    ids.push((await bus.request(createOrder, order, { actor: dispatcher })).id);
  }
  return ids;
}

/** Polls a run until `done` holds (or fails the test after `timeoutMs`); returns every state seen. */
export async function watchRun(
  bus: Bus,
  options: { runId: string; done: (run: PlanningRun) => boolean; timeoutMs?: number },
): Promise<PlanningRun[]> {
  const seen: PlanningRun[] = [];
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const run = await bus.request(getPlanningRun, { runId: options.runId }, { actor: dispatcher });
    seen.push(run);
    if (options.done(run)) return seen;
    if (Date.now() > deadline)
      throw new Error(
        `run ${options.runId} still ${run.status} after ${options.timeoutMs ?? 30_000} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
