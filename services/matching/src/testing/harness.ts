import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { Bus, Server } from '@anbu/bus';
import type { Coordinates, Depot, EventOf } from '@anbu/contracts';
import type { DbHandle } from '@anbu/db';
import type { TestLogger } from '@anbu/db/testing';
import { handle } from '@anbu/bus';
import { createMemoryBus } from '@anbu/bus/memory';
import { lotReceived, needCreated } from '@anbu/contracts/events';
import { getMatchingProfiles, listDepots } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { MatchingProfile } from '../domain/plan-inputs.js';
import type { MatchingDatabase } from '../repo/schema.js';
import { createMatchingService } from '../service.js';

/** A matching service on its own database and bus, with test doubles of its neighbours. */
export interface MatchingHarness extends AsyncDisposable {
  readonly bus: Bus;
  readonly db: Kysely<MatchingDatabase>;
  readonly handle: DbHandle;
  readonly log: TestLogger;
  /** Households' matching profiles the double of `household.matchingProfiles` answers with. */
  readonly profiles: Map<string, MatchingProfile>;
  /** Depots the double of donations' `depot.list` answers with. */
  readonly depots: Map<string, Depot>;
  /** Starts another matching instance on the same database and bus (racing runs). */
  addInstance(): Promise<{ stop(): Promise<void> }>;
}

/** A depot at `location` for {@link MatchingHarness.depots}. */
export function testDepot(location: Coordinates = { lat: 35.95, lng: 126.96 }): Depot {
  return {
    id: randomUUID(),
    organisationId: randomUUID(),
    name: 'Test depot',
    address: '1 Test-ro',
    location,
    districtCode: '5214057000',
    storageClasses: ['frozen', 'chilled', 'ambient'],
    capacityBoxes: {},
    active: true,
  };
}

/** A household's matching profile for {@link MatchingHarness.profiles}. */
export function testProfile(overrides: Partial<MatchingProfile> = {}): MatchingProfile {
  return {
    householdId: randomUUID(),
    districtCode: '5214057000',
    type: 'elderly_alone',
    riskLevel: 'high',
    memberCount: 1,
    dietaryTags: [],
    allergens: [],
    location: { lat: 35.948, lng: 126.957 },
    ...overrides,
  };
}

/** A `need.created` envelope. */
export function needEvent(
  data: Partial<EventOf<typeof needCreated>['data']> = {},
): EventOf<typeof needCreated> {
  return {
    id: randomUUID(),
    type: needCreated.type,
    version: needCreated.version,
    occurredAt: new Date().toISOString(),
    data: {
      needId: randomUUID(),
      householdId: randomUUID(),
      districtCode: '5214057000',
      source: 'ad_hoc',
      category: 'rice_grain',
      quantity: 1,
      unit: 'bag',
      deadline: '2099-12-31',
      priority: 40,
      ...data,
    },
  };
}

/** A `lot.received` envelope. */
export function lotEvent(
  data: Partial<EventOf<typeof lotReceived>['data']> & { depotId: string },
): EventOf<typeof lotReceived> {
  return {
    id: randomUUID(),
    type: lotReceived.type,
    version: lotReceived.version,
    occurredAt: new Date().toISOString(),
    data: {
      lotId: randomUUID(),
      category: 'rice_grain',
      unit: 'bag',
      quantity: 10,
      storageClass: 'ambient',
      restrictions: { householdTypes: [], districtCodes: [] },
      ...data,
    },
  };
}

/**
 * Starts matching on PGlite in memory (or PostgreSQL at `url`) and a memory bus that does not
 * dedupe (so that tests can redeliver an event and see the inbox hold), or `bus`; serves
 * doubles of households' profiles and donations' depots from {@link MatchingHarness.profiles}
 * and {@link MatchingHarness.depots}.
 */
export async function startMatching(
  options: { url?: string; bus?: Bus; now?: () => Date } = {},
): Promise<MatchingHarness> {
  const log = createTestLogger();
  const dbHandle = await createDb({ url: options.url, dataDir: 'memory://', log });
  const bus = options.bus ?? createMemoryBus({ log, dedupeWindowMs: 0 });
  const profiles = new Map<string, MatchingProfile>();
  const depots = new Map<string, Depot>();
  const neighbours: Server = await bus.serve([
    handle(getMatchingProfiles, ({ householdIds }) =>
      Promise.resolve({
        profiles: householdIds.flatMap((id) => {
          const profile = profiles.get(id);
          return profile ? [profile] : [];
        }),
      }),
    ),
    handle(listDepots, () => Promise.resolve({ items: [...depots.values()] })),
  ]);
  const start = (instanceId: string, db: DbHandle) =>
    startService(createMatchingService(options.now ? { now: options.now } : {}), {
      db,
      bus,
      log,
      instanceId,
      outboxPollMs: 50,
    });
  const running = [await start('matching-1', dbHandle)];
  const extraHandles: DbHandle[] = [];
  return {
    bus,
    db: dbHandle.forSchema<MatchingDatabase>('matching'),
    handle: dbHandle,
    log,
    profiles,
    depots,
    async addInstance() {
      // On PostgreSQL each instance gets its own pool, as a replica in its own process would.
      const own = options.url ? await createDb({ url: options.url, log }) : dbHandle;
      if (own !== dbHandle) extraHandles.push(own);
      const instance = await start(`matching-${String(running.length + 1)}`, own);
      running.push(instance);
      return instance;
    },
    async [Symbol.asyncDispose]() {
      for (const instance of running) await instance.stop();
      await neighbours.stop();
      await bus.close();
      for (const extra of extraHandles) await extra.close();
      await dbHandle.close();
    },
  };
}
