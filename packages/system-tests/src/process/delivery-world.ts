import { randomUUID } from 'node:crypto';

import { seoulDate, SYSTEM_ACTOR } from '@anbu/contracts';
import { importBulk, importDispatchBulk } from '@anbu/contracts/rpc';

import type { SeededUser, SeededWorld, SeedTarget } from '../harness/seed-world.js';
import { seedWorld } from '../harness/seed-world.js';

const CENTRE = { lat: 35.948, lng: 126.957 };
const IMPORT_BATCH = 100;

/** A district with a depot, staff, a fleet on shift today and consenting households. */
export interface DeliveryWorld {
  readonly world: SeededWorld;
  readonly today: string;
  readonly dispatcher: string;
  readonly caseworker: string;
  /** Carrier logins (each with a dispatch carrier record and a shift today). */
  readonly carriers: readonly string[];
  readonly householdIds: readonly string[];
  readonly apiKey: string;
}

/**
 * Seeds a {@link DeliveryWorld} through the services' import RPCs: `households` households
 * within ~2 km of the depot (placed by `random`) and `carriers` cars on shift today.
 */
export async function seedDeliveryWorld(options: {
  target: SeedTarget;
  households: number;
  carriers: number;
  /** Boxes each car carries (400 unless told: one car could take a whole day's round). */
  boxesPerCarrier?: number;
  random: () => number;
}): Promise<DeliveryWorld> {
  const { target, random } = options;
  const call = { actor: SYSTEM_ACTOR, timeoutMs: 120_000 };
  const world = await seedWorld(target);
  const today = seoulDate();
  const dispatcher = await world.addUser({
    role: 'dispatcher',
    districtCodes: [world.districtCode],
  });
  const caseworker = await world.addUser({
    role: 'caseworker',
    districtCodes: [world.districtCode],
  });

  const carrierIds = Array.from({ length: options.carriers }, () => randomUUID());
  const carrierUsers: SeededUser[] = [];
  for (const carrierId of carrierIds) {
    carrierUsers.push(await world.addUser({ role: 'carrier', carrierId }));
  }
  await target.bus.request(
    importDispatchBulk,
    {
      carriers: carrierIds.map((id, i) => ({
        id,
        organisationId: world.welfareOfficeId,
        name: `Fault-suite carrier ${String(i + 1)}`,
        kind: 'car' as const,
        capacity: { boxes: options.boxesPerCarrier ?? 400, kg: 4_000, chilledBoxes: 0 },
        homeDepotId: world.depot.id,
        skills: ['welfare_check' as const],
        userId: carrierUsers[i]?.id,
        active: true,
      })),
      shifts: carrierIds.map((carrierId) => ({
        id: randomUUID(),
        carrierId,
        date: today,
        window: { start: `${today}T00:00:00+09:00`, end: `${today}T23:59:00+09:00` },
        startDepotId: world.depot.id,
        cancelled: false,
      })),
    },
    call,
  );

  const householdIds: string[] = [];
  for (let start = 0; start < options.households; start += IMPORT_BATCH) {
    const count = Math.min(IMPORT_BATCH, options.households - start);
    const rows = Array.from({ length: count }, () => {
      const id = randomUUID();
      householdIds.push(id);
      return {
        id,
        organisationId: world.welfareOfficeId,
        household: {
          name: 'Fault-suite recipient',
          districtCode: world.districtCode,
          type: 'elderly_alone' as const,
          riskLevel: 'high' as const,
          memberCount: 1,
          address: { road: '2 Test-ro' },
          location: {
            lat: CENTRE.lat + (random() - 0.5) * 0.04,
            lng: CENTRE.lng + (random() - 0.5) * 0.04,
          },
          contact: {
            name: 'Fault-suite recipient',
            phone: '010-0000-0000',
            relation: 'self' as const,
          },
          dietaryTags: [],
          allergens: [],
        },
        consent: {
          id: randomUUID(),
          recordedBy: randomUUID(),
          scopes: ['delivery' as const, 'sensitive_data' as const],
          givenOn: today,
          method: 'written' as const,
        },
        enrolments: [],
      };
    });
    const report = await target.bus.request(importBulk, { households: rows }, call);
    if (report.failed.length > 0) {
      throw new Error(`households failed to import: ${JSON.stringify(report.failed)}`);
    }
  }

  return {
    world,
    today,
    dispatcher: dispatcher.login,
    caseworker: caseworker.login,
    carriers: carrierUsers.map((u) => u.login),
    householdIds,
    apiKey: await world.apiKey(),
  };
}
