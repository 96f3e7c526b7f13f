import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

import type { Bus } from '@anbu/bus';
import type { Actor } from '@anbu/contracts';
import type { TestLogger } from '@anbu/db/testing';
import { createMemoryBus } from '@anbu/bus/memory';
import { importBulk } from '@anbu/contracts/rpc';
import { createDb } from '@anbu/db';
import { createTestLogger } from '@anbu/db/testing';
import { startService } from '@anbu/service-kit';

import type { HouseholdsDatabase } from '../repo/schema.js';
import { createHouseholdsService } from '../service.js';

/** A households service running on its own database and bus, for tests. */
export interface HouseholdsHarness extends AsyncDisposable {
  readonly bus: Bus;
  readonly db: Kysely<HouseholdsDatabase>;
  readonly log: TestLogger;
}

/**
 * Starts the households service on PGlite in memory (or PostgreSQL at `url`) and the memory bus
 * (or `bus`); dispose it to stop everything.
 */
export async function startHouseholds(
  options: { url?: string; bus?: Bus } = {},
): Promise<HouseholdsHarness> {
  const log = createTestLogger();
  const handle = await createDb({ url: options.url, dataDir: 'memory://', log });
  const bus = options.bus ?? createMemoryBus({ log });
  const running = await startService(createHouseholdsService({ encryptionKey: randomBytes(32) }), {
    db: handle,
    bus,
    log,
    outboxPollMs: 50,
  });
  return {
    bus,
    db: handle.forSchema<HouseholdsDatabase>('households'),
    log,
    async [Symbol.asyncDispose]() {
      await running.stop();
      await bus.close();
      await handle.close();
    },
  };
}

/** Fixed ids of the small directory {@link seedDirectory} loads. */
export const FIXTURE = Object.freeze({
  organisationId: '11111111-1111-4111-8111-111111111111',
  programId: '22222222-2222-4222-8222-222222222222',
  caseworkerId: '33333333-3333-4333-8333-333333333333',
  districtA: '5214057000',
  districtB: '5214025000',
});

/** A caseworker of district A acting for the fixture organisation. */
export const caseworkerA: Actor = {
  kind: 'user',
  id: FIXTURE.caseworkerId,
  role: 'caseworker',
  organisationId: FIXTURE.organisationId,
  districtCodes: [FIXTURE.districtA],
};

/** The system, acting for the fixture organisation (as the seed does). */
export const systemActor: Actor = { kind: 'system', id: 'system', districtCodes: [] };

/** Loads one organisation, two districts, a caseworker membership and one program. */
export async function seedDirectory(bus: Bus): Promise<void> {
  await bus.request(
    importBulk,
    {
      organisations: [
        { id: FIXTURE.organisationId, name: '익산시 복지정책과', kind: 'city', districtCodes: [] },
      ],
      districts: [
        { code: FIXTURE.districtA, nameKo: '모현동', nameEn: 'Mohyeon-dong' },
        { code: FIXTURE.districtB, nameKo: '함열읍', nameEn: 'Hamyeol-eup' },
      ],
      memberships: [
        {
          id: '44444444-4444-4444-8444-444444444444',
          userId: FIXTURE.caseworkerId,
          role: 'caseworker',
          organisationId: FIXTURE.organisationId,
          districtCodes: [FIXTURE.districtA],
        },
      ],
      programs: [
        {
          id: FIXTURE.programId,
          organisationId: FIXTURE.organisationId,
          name: '반찬 도시락 배달',
          kind: 'meal_box',
          cadence: { kind: 'weekly', weekday: 2 },
          itemTemplate: [{ category: 'side_dishes', quantity: 1, unit: 'box' }],
          storageClass: 'chilled',
          rounds: 13,
          startsOn: '2026-12-01',
          districtCodes: [],
        },
      ],
    },
    { actor: systemActor },
  );
}

/** A valid household input in district A (no care notes: those need a sensitive-data consent). */
export function householdInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '김순자',
    districtCode: FIXTURE.districtA,
    type: 'elderly_alone' as const,
    riskLevel: 'high' as const,
    memberCount: 1,
    address: {
      road: '전북특별자치도 익산시 무왕로 88',
      detail: '101동 302호',
      postalCode: '54576',
    },
    location: { lat: 35.9488, lng: 126.9318 },
    contact: { name: '김순자', phone: '010-0123-4567', relation: 'self' as const },
    dietaryTags: ['soft_food' as const],
    ...overrides,
  };
}

/** A consent with both the delivery and the sensitive-data scopes, given before the programs start. */
export const FULL_CONSENT = Object.freeze({
  scopes: ['delivery' as const, 'sensitive_data' as const],
  givenOn: '2026-11-01',
  method: 'written' as const,
});
