import type { RpcInput } from '@anbu/contracts';
import type { importBulk, importDispatchBulk, importDonationsBulk } from '@anbu/contracts/rpc';
import { MAX_IMPORT_HOUSEHOLDS } from '@anbu/contracts/rpc';

import type { DemoCity, DemoHousehold } from './types.js';
import { demoId } from './ids.js';

/** Everything the services need to hold the demo city, as inputs of their `import.bulk` RPCs. */
export interface SeedPayloads {
  /** The directory first, then households in batches of at most {@link MAX_IMPORT_HOUSEHOLDS}. */
  readonly households: readonly RpcInput<typeof importBulk>[];
  readonly donations: RpcInput<typeof importDonationsBulk>;
  readonly dispatch: RpcInput<typeof importDispatchBulk>;
}

function householdImport(city: DemoCity, household: DemoHousehold) {
  const district = city.districts.find((d) => d.code === household.districtCode);
  const program = (id: string) => city.programs.find((p) => p.id === id);
  return {
    id: household.id,
    organisationId: city.organisations[0]?.id ?? '',
    household: {
      name: household.headName,
      districtCode: household.districtCode,
      type: household.type,
      riskLevel: household.riskLevel,
      memberCount: household.memberCount,
      address: household.address,
      location: household.location,
      contact: { name: household.headName, phone: household.phone, relation: 'self' as const },
      dietaryTags: [...household.dietaryTags],
      allergens: [...household.allergens],
      // Care notes are sensitive data: kept only with the household's sensitive-data consent.
      careNotes:
        district && household.consent?.scopes.includes('sensitive_data')
          ? `${district.welfareOffice.name} 관리 대상`
          : undefined,
    },
    consent: household.consent
      ? {
          id: household.consent.id,
          scopes: [...household.consent.scopes],
          givenOn: household.consent.givenOn,
          method: household.consent.method,
          recordedBy: household.consent.recordedBy,
          recordedAt: household.consent.recordedAt,
        }
      : undefined,
    enrolments: household.programIds.map((programId) => ({
      id: demoId(city.seed, 'enrolment', `${household.id}:${programId}`),
      programId,
      startsOn: program(programId)?.startsOn ?? '2026-12-01',
    })),
  };
}

/**
 * The demo city as import payloads: the households service's directory (organisations,
 * districts, memberships of the demo users, programs) and households with consents and
 * enrolments; the depots for donations; vehicles and carriers for dispatch.
 */
export function seedPayloads(city: DemoCity): SeedPayloads {
  const directory: RpcInput<typeof importBulk> = {
    organisations: [
      ...city.organisations.map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        districtCodes: [],
      })),
      // Each district's 행정복지센터 is an organisation of its own, working in that district.
      ...city.districts.map((d) => ({
        id: d.welfareOffice.id,
        name: d.welfareOffice.name,
        kind: 'welfare_office' as const,
        districtCodes: [d.code],
      })),
    ],
    districts: city.districts.map((d) => ({
      code: d.code,
      nameKo: d.name,
      nameEn: d.nameEn,
      welfareOfficeId: d.welfareOffice.id,
      centre: d.centre,
    })),
    memberships: city.users.flatMap((user) =>
      user.roles.map((role) => ({
        id: demoId(city.seed, 'membership', `${user.id}:${role}`),
        userId: user.id,
        role,
        organisationId: user.organisationId,
        districtCodes: [...user.districtCodes],
        ...(user.carrierId ? { carrierId: user.carrierId } : {}),
      })),
    ),
    programs: city.programs.map((p) => ({
      id: p.id,
      organisationId: p.organisationId,
      name: p.name,
      kind: p.kind,
      cadence: p.cadence,
      itemTemplate: [...p.itemTemplate],
      storageClass: p.storageClass,
      rounds: p.rounds,
      startsOn: p.startsOn,
    })),
  };
  const batches: RpcInput<typeof importBulk>[] = [directory];
  for (let i = 0; i < city.households.length; i += MAX_IMPORT_HOUSEHOLDS) {
    batches.push({
      households: city.households
        .slice(i, i + MAX_IMPORT_HOUSEHOLDS)
        .map((h) => householdImport(city, h)),
    });
  }
  return {
    households: batches,
    donations: {
      depots: city.depots.map((d) => ({
        id: d.id,
        organisationId: d.organisationId,
        name: d.name,
        address: d.address,
        location: d.location,
        districtCode: d.districtCode,
        storageClasses: [...d.storage],
        capacityBoxes: {},
        active: true,
      })),
    },
    dispatch: {
      vehicles: city.carriers.map((c) => ({
        id: c.vehicle.id,
        organisationId: c.organisationId,
        name: c.vehicle.label,
        kind: c.vehicle.kind,
        capacity: c.vehicle.capacity,
        depotId: c.homeDepotId,
        speedKmh: c.vehicle.speedKmh,
        refrigerated: c.vehicle.refrigerated,
        active: true,
      })),
      carriers: city.carriers.map((c) => {
        const user = city.users.find((u) => u.carrierId === c.id);
        return {
          id: c.id,
          organisationId: c.organisationId,
          name: c.name,
          kind: c.kind,
          capacity: c.vehicle.capacity,
          homeDepotId: c.homeDepotId,
          skills: [...c.skills],
          vehicleId: c.vehicle.id,
          ...(user ? { userId: user.id } : {}),
          active: true,
        };
      }),
      shifts: [],
    },
  };
}
