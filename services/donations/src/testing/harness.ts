import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import type { TestLogger } from '@anbu/db/testing';
import { createMemoryBus } from '@anbu/bus/memory';
import { importDonationsBulk } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { DonationsDatabase } from '../repo/schema.js';
import { createDonationsService } from '../service.js';

/** A donations service on its own database and bus, for tests. */
export interface DonationsHarness extends AsyncDisposable {
  readonly bus: Bus;
  readonly db: Kysely<DonationsDatabase>;
  readonly log: TestLogger;
}

/** Starts donations on PGlite in memory (or PostgreSQL at `url`) and the memory bus (or `bus`). */
export async function startDonations(
  options: {
    url?: string;
    bus?: Bus;
    service?: Parameters<typeof createDonationsService>[0];
  } = {},
): Promise<DonationsHarness> {
  const log = createTestLogger();
  const handle = await createDb({ url: options.url, dataDir: 'memory://', log });
  const bus = options.bus ?? createMemoryBus({ log });
  const running = await startService(createDonationsService(options.service), {
    db: handle,
    bus,
    log,
    outboxPollMs: 50,
  });
  return {
    bus,
    db: handle.forSchema<DonationsDatabase>('donations'),
    log,
    async [Symbol.asyncDispose]() {
      await running.stop();
      await bus.close();
      await handle.close();
    },
  };
}

export const FIXTURE = Object.freeze({
  foodBankId: '11111111-1111-4111-8111-111111111111',
  rotaryId: '22222222-2222-4222-8222-222222222222',
  depotId: '33333333-3333-4333-8333-333333333333',
});

export const partnerRotary: Actor = {
  kind: 'user',
  id: '44444444-4444-4444-8444-444444444444',
  role: 'partner',
  organisationId: FIXTURE.rotaryId,
  districtCodes: [],
};
export const partnerFoodBank: Actor = {
  ...partnerRotary,
  id: '55555555-5555-4555-8555-555555555555',
  organisationId: FIXTURE.foodBankId,
};
export const dispatcher: Actor = {
  kind: 'user',
  id: '66666666-6666-4666-8666-666666666666',
  role: 'dispatcher',
  districtCodes: [],
};
export const system: Actor = { kind: 'system', id: 'system', districtCodes: [] };

/** Loads the food-bank depot (ambient and chilled). */
export async function seedDepot(bus: Bus): Promise<void> {
  await bus.request(
    importDonationsBulk,
    {
      depots: [
        {
          id: FIXTURE.depotId,
          organisationId: FIXTURE.foodBankId,
          name: '익산푸드뱅크 물류창고',
          address: '전북특별자치도 익산시 약촌로 201',
          location: { lat: 35.9585, lng: 126.9735 },
          districtCode: '5214059000',
          storageClasses: ['ambient', 'chilled'],
          capacityBoxes: {},
          active: true,
        },
      ],
    },
    { actor: system },
  );
}

/** A valid donation: 40 boxes of noodles and 10 packs of milk, picked up tomorrow. */
export function donationInput(overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 86_400_000);
  const end = new Date(start.getTime() + 3 * 3_600_000);
  return {
    items: [
      {
        category: 'instant_food' as const,
        description: '컵라면',
        quantity: 40,
        unit: 'box' as const,
        storageClass: 'ambient' as const,
      },
      {
        category: 'dairy' as const,
        description: '우유',
        quantity: 10,
        unit: 'pack' as const,
        storageClass: 'chilled' as const,
        expiresOn: '2099-12-31',
      },
    ],
    pickup: {
      placeName: '익산로터리클럽 사무실',
      address: '전북특별자치도 익산시 인북로 32',
      location: { lat: 35.937, lng: 126.947 },
      window: { start: start.toISOString(), end: end.toISOString() },
    },
    ...overrides,
  };
}
