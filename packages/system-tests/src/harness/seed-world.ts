import { randomUUID } from 'node:crypto';

import type { Actor, Coordinates, HouseholdType, RiskLevel, Role } from '@anbu/contracts';
import { SYSTEM_ACTOR } from '@anbu/contracts';
import { importBulk, importDonationsBulk } from '@anbu/contracts/rpc';

import type { RunningSystem } from './start-system.js';

/**
 * What {@link seedWorld} needs of a system: its bus, its clock and the gateway's user and API-key
 * creation. A {@link RunningSystem} is one; so is a process stack with a bus and a gateway
 * database handle of its own.
 */
export interface SeedTarget {
  readonly bus: RunningSystem['bus'];
  readonly clock: { now(): Date };
  readonly gateway: Pick<RunningSystem['gateway'], 'createUser' | 'createApiKey'>;
}

/** The password every seeded user signs in with. */
export const SYSTEM_TEST_PASSWORD = 'correct horse battery staple';

/** A small city: one district, a welfare office, a partner NGO and a food-bank depot. */
export interface SeededWorld {
  readonly districtCode: string;
  readonly welfareOfficeId: string;
  readonly partnerOrganisationId: string;
  readonly foodBankId: string;
  readonly depot: { readonly id: string; readonly location: Coordinates };
  /** Adds a signed-up user holding `role`; `actor` is what the gateway would send for them. */
  addUser(options: {
    role: Role;
    organisationId?: string;
    districtCodes?: readonly string[];
    /** A carrier's dispatch carrier record (role `carrier`). */
    carrierId?: string;
  }): Promise<SeededUser>;
  /** Registers a household with recorded consent (`delivery`, `sensitive_data`). */
  addHousehold(options?: {
    type?: HouseholdType;
    riskLevel?: RiskLevel;
    location?: Coordinates;
    consent?: boolean;
  }): Promise<{ readonly id: string }>;
  /** Issues a partner API key for the partner NGO (or `organisationId`). */
  apiKey(organisationId?: string): Promise<string>;
}

/** A seeded user: sign in with `login` and {@link SYSTEM_TEST_PASSWORD}, or act as `actor` on the bus. */
export interface SeededUser {
  readonly id: string;
  readonly login: string;
  readonly actor: Actor;
}

const CENTRE = { lat: 35.948, lng: 126.957 };

/**
 * Seeds a small world through the services' own import RPCs and the gateway's user creation
 * (as the demo seed does), so that tests start from a known directory.
 * @example
 * const world = await seedWorld(system);
 * const caseworker = await world.addUser({ role: 'caseworker', districtCodes: [world.districtCode] });
 */
export async function seedWorld(system: SeedTarget): Promise<SeededWorld> {
  const call = { actor: SYSTEM_ACTOR, timeoutMs: 30_000 };
  const suffix = randomUUID().slice(0, 8);
  const districtCode = `D${suffix}`;
  const welfareOfficeId = randomUUID();
  const partnerOrganisationId = randomUUID();
  const foodBankId = randomUUID();
  const depot = { id: randomUUID(), location: { lat: CENTRE.lat + 0.01, lng: CENTRE.lng } };

  const directory = await system.bus.request(
    importBulk,
    {
      organisations: [
        {
          id: welfareOfficeId,
          name: 'Test welfare office',
          kind: 'welfare_office',
          districtCodes: [districtCode],
        },
        { id: partnerOrganisationId, name: 'Test Rotary club', kind: 'ngo', districtCodes: [] },
        {
          id: foodBankId,
          name: 'Test food bank',
          kind: 'food_bank',
          districtCodes: [districtCode],
        },
      ],
      districts: [
        {
          code: districtCode,
          nameKo: '시험동',
          nameEn: 'Test-dong',
          welfareOfficeId,
          centre: CENTRE,
        },
      ],
    },
    call,
  );
  if (directory.failed.length > 0)
    throw new Error(`seed failed: ${JSON.stringify(directory.failed)}`);
  await system.bus.request(
    importDonationsBulk,
    {
      depots: [
        {
          id: depot.id,
          organisationId: foodBankId,
          name: 'Test food bank depot',
          address: '1 Test-ro',
          location: depot.location,
          districtCode,
          storageClasses: ['frozen', 'chilled', 'ambient'],
          capacityBoxes: {},
          active: true,
        },
      ],
    },
    call,
  );

  let users = 0;
  return {
    districtCode,
    welfareOfficeId,
    partnerOrganisationId,
    foodBankId,
    depot,
    async addUser(options) {
      const organisationId = options.organisationId ?? welfareOfficeId;
      const districtCodes = [...(options.districtCodes ?? [])];
      const login = `${options.role}-${String(++users)}-${suffix}`;
      const user = await system.gateway.createUser({
        login,
        displayName: login,
        password: SYSTEM_TEST_PASSWORD,
      });
      const report = await system.bus.request(
        importBulk,
        {
          memberships: [
            {
              id: randomUUID(),
              userId: user.id,
              role: options.role,
              organisationId,
              districtCodes,
              ...(options.carrierId ? { carrierId: options.carrierId } : {}),
            },
          ],
        },
        call,
      );
      if (report.failed.length > 0)
        throw new Error(`membership failed: ${JSON.stringify(report.failed)}`);
      return {
        id: user.id,
        login,
        actor: {
          kind: 'user',
          id: user.id,
          role: options.role,
          organisationId,
          districtCodes,
          ...(options.carrierId ? { carrierId: options.carrierId } : {}),
        },
      };
    },
    async addHousehold(options = {}) {
      const id = randomUUID();
      const report = await system.bus.request(
        importBulk,
        {
          households: [
            {
              id,
              organisationId: welfareOfficeId,
              household: {
                name: 'Test recipient',
                districtCode,
                type: options.type ?? 'elderly_alone',
                riskLevel: options.riskLevel ?? 'high',
                memberCount: 1,
                address: { road: '2 Test-ro' },
                location: options.location ?? CENTRE,
                contact: { name: 'Test recipient', phone: '010-0000-0000', relation: 'self' },
                dietaryTags: [],
                allergens: [],
              },
              ...(options.consent === false
                ? {}
                : {
                    consent: {
                      id: randomUUID(),
                      recordedBy: randomUUID(),
                      scopes: ['delivery', 'sensitive_data'],
                      givenOn: system.clock.now().toISOString().slice(0, 10),
                      method: 'written',
                    },
                  }),
              enrolments: [],
            },
          ],
        },
        call,
      );
      if (report.failed.length > 0)
        throw new Error(`household failed: ${JSON.stringify(report.failed)}`);
      return { id };
    },
    async apiKey(organisationId = partnerOrganisationId) {
      const issued = await system.gateway.createApiKey({ organisationId, name: 'system test' });
      return issued.key;
    },
  };
}
