import type { CarrierKind, Role } from '@anbu/contracts';

import type { DistrictGroup } from '../data/districts.js';
import type { DemoCarrier, DemoDistrict, DemoUser } from '../types.js';
import type { Organisations } from './organisations.js';
import { PASSWORD_WORDS } from '../data/people.js';
import { demoId } from '../ids.js';
import { createRandom } from '../random.js';

const GROUP_LABELS: Record<DistrictGroup, string> = {
  old_town: '구도심',
  new_town: '신도심',
  north: '북부',
  east_south: '동남부',
};

/** The login of the caseworker of a district group, e.g. `cw.oldtown`. */
export function caseworkerLogin(group: DistrictGroup): string {
  return `cw.${group.replace('_', '')}`;
}

/** The user id of the caseworker of a district group (the consent recorder in the seed). */
export function caseworkerId(seed: string, group: DistrictGroup): string {
  return demoId(seed, 'user', caseworkerLogin(group));
}

/** A pronounceable password derived from the seed and the login, e.g. `maple-river-42`. */
export function demoPassword(seed: string, login: string): string {
  const random = createRandom(`${seed}:password:${login}`);
  const first = random.pick(PASSWORD_WORDS);
  const second = random.pick(PASSWORD_WORDS.filter((word) => word !== first));
  return `${first}-${second}-${random.int(10, 99)}`;
}

interface UserSpec {
  readonly login: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly organisationId: string;
  readonly districtCodes?: readonly string[];
  readonly carrierId?: string;
}

/** One demo user per role, a caseworker per district group, one per partner and carrier kind. */
export function buildUsers(options: {
  seed: string;
  organisations: Organisations;
  districts: readonly DemoDistrict[];
  carriers: readonly DemoCarrier[];
}): DemoUser[] {
  const { seed, organisations: orgs, districts, carriers } = options;
  const allCodes = districts.map((district) => district.code);
  const groups: DistrictGroup[] = ['old_town', 'new_town', 'north', 'east_south'];
  const firstOfKind = (kind: CarrierKind): DemoCarrier => {
    const carrier = carriers.find((c) => c.kind === kind);
    if (carrier === undefined) throw new TypeError(`no ${kind} carrier in the demo city`);
    return carrier;
  };
  const carrierUser = (login: string, kind: CarrierKind): UserSpec => {
    const carrier = firstOfKind(kind);
    return {
      login,
      displayName: carrier.name,
      roles: ['carrier'],
      organisationId: carrier.organisationId,
      districtCodes: [carrier.districtCode],
      carrierId: carrier.id,
    };
  };
  const specs: UserSpec[] = [
    {
      login: 'admin',
      displayName: '시스템 관리자',
      roles: ['admin'],
      organisationId: orgs.city.id,
      districtCodes: allCodes,
    },
    {
      login: 'manager',
      displayName: '사업 담당 김은정',
      roles: ['program_manager'],
      organisationId: orgs.city.id,
      districtCodes: allCodes,
    },
    ...groups.map((group) => ({
      login: caseworkerLogin(group),
      displayName: `${GROUP_LABELS[group]} 사례관리 담당`,
      roles: ['caseworker'] as const,
      organisationId: orgs.city.id,
      districtCodes: districts.filter((d) => d.group === group).map((d) => d.code),
    })),
    {
      login: 'dispatcher',
      displayName: '배차 담당 박성호',
      roles: ['dispatcher'],
      organisationId: orgs.city.id,
      districtCodes: allCodes,
    },
    {
      login: 'partner.rotary',
      displayName: '익산로터리클럽 담당',
      roles: ['partner'],
      organisationId: orgs.rotary.id,
    },
    {
      login: 'partner.foodbank',
      displayName: '익산푸드뱅크 담당',
      roles: ['partner'],
      organisationId: orgs.foodbank.id,
    },
    {
      login: 'partner.church',
      displayName: '익산중앙교회 담당',
      roles: ['partner'],
      organisationId: orgs.church.id,
    },
    {
      login: 'partner.business',
      displayName: '솜리식품 담당',
      roles: ['partner'],
      organisationId: orgs.business.id,
    },
    {
      login: 'partner.council',
      displayName: '모현동 협의체 담당',
      roles: ['partner'],
      organisationId: orgs.council.id,
    },
    carrierUser('carrier.postal', 'postal_motorbike'),
    carrierUser('carrier.van', 'van'),
    carrierUser('carrier.car', 'car'),
    carrierUser('carrier.walker', 'walking_volunteer'),
    {
      login: 'auditor',
      displayName: '감사 담당',
      roles: ['auditor'],
      organisationId: orgs.city.id,
      districtCodes: allCodes,
    },
  ];
  return specs.map((spec) => ({
    id: demoId(seed, 'user', spec.login),
    login: spec.login,
    displayName: spec.displayName,
    password: demoPassword(seed, spec.login),
    roles: spec.roles,
    organisationId: spec.organisationId,
    districtCodes: spec.districtCodes ?? [],
    ...(spec.carrierId === undefined ? {} : { carrierId: spec.carrierId }),
  }));
}
