import type { DemoDepot, DemoOrganisation, DemoProgram } from '../types.js';
import { demoId } from '../ids.js';

type OrganisationKey = 'city' | 'post' | 'rotary' | 'foodbank' | 'church' | 'business' | 'council';

const ORGANISATIONS: readonly (Omit<DemoOrganisation, 'id'> & { key: OrganisationKey })[] = [
  {
    key: 'city',
    name: '익산시 복지정책과',
    nameEn: 'Iksan City Welfare Policy Division',
    kind: 'city',
    isPartner: false,
  },
  {
    key: 'post',
    name: '익산우체국',
    nameEn: 'Iksan Post Office',
    kind: 'post_office',
    isPartner: false,
  },
  {
    key: 'rotary',
    name: '익산로터리클럽',
    nameEn: 'Iksan Rotary Club',
    kind: 'ngo',
    isPartner: true,
  },
  {
    key: 'foodbank',
    name: '익산푸드뱅크',
    nameEn: 'Iksan Food Bank',
    kind: 'food_bank',
    isPartner: true,
  },
  {
    key: 'church',
    name: '익산중앙교회',
    nameEn: 'Iksan Jungang Church',
    kind: 'religious',
    isPartner: true,
  },
  { key: 'business', name: '솜리식품', nameEn: 'Somri Foods', kind: 'business', isPartner: true },
  {
    key: 'council',
    name: '모현동 지역사회보장협의체',
    nameEn: 'Mohyeon-dong Community Council',
    kind: 'community_council',
    isPartner: true,
  },
];

/** The organisations of the demo city, keyed for the other builders. */
export function buildOrganisations(seed: string): Record<OrganisationKey, DemoOrganisation> {
  return Object.fromEntries(
    ORGANISATIONS.map(({ key, ...organisation }) => [
      key,
      { id: demoId(seed, 'organisation', key), ...organisation },
    ]),
  ) as Record<OrganisationKey, DemoOrganisation>;
}

export type Organisations = ReturnType<typeof buildOrganisations>;

/** The post office, the kitchen and the food-bank depot. */
export function buildDepots(seed: string, organisations: Organisations): DemoDepot[] {
  return [
    {
      id: demoId(seed, 'depot', 'post'),
      kind: 'post_office',
      name: '익산우체국 물류센터',
      nameEn: 'Iksan Post Office depot',
      organisationId: organisations.post.id,
      districtCode: '5214051000',
      location: { lat: 35.9441, lng: 126.9532 },
      address: '전북특별자치도 익산시 중앙로 12',
      storage: ['ambient'],
    },
    {
      id: demoId(seed, 'depot', 'kitchen'),
      kind: 'kitchen',
      name: '익산 나눔공동부엌',
      nameEn: 'Iksan Sharing Kitchen',
      organisationId: organisations.city.id,
      districtCode: '5214057000',
      location: { lat: 35.9479, lng: 126.9341 },
      address: '전북특별자치도 익산시 무왕로 88',
      storage: ['ambient', 'chilled'],
    },
    {
      id: demoId(seed, 'depot', 'foodbank'),
      kind: 'food_bank',
      name: '익산푸드뱅크 물류창고',
      nameEn: 'Iksan Food Bank warehouse',
      organisationId: organisations.foodbank.id,
      districtCode: '5214059000',
      location: { lat: 35.9585, lng: 126.9735 },
      address: '전북특별자치도 익산시 약촌로 201',
      storage: ['ambient', 'chilled', 'frozen'],
    },
  ];
}

/** The three recurring programs of DESIGN.md, run by the city. */
export function buildPrograms(seed: string, organisations: Organisations): DemoProgram[] {
  const cityId = organisations.city.id;
  return [
    {
      id: demoId(seed, 'program', 'meals'),
      code: 'MEAL-BOX',
      name: '반찬 도시락 배달',
      nameEn: 'Weekly side-dish boxes',
      organisationId: cityId,
      kind: 'meal_box',
      // Monday deliveries of a week of side dishes, kept chilled.
      cadence: { kind: 'weekly', weekday: 1 },
      itemTemplate: [
        {
          category: 'side_dishes',
          description: '일주일 반찬',
          quantity: 1,
          unit: 'box',
          weightKg: 3,
        },
      ],
      storageClass: 'chilled',
      rounds: 13,
      startsOn: '2026-12-07',
    },
    {
      id: demoId(seed, 'program', 'kits'),
      code: 'NECESSITY-KIT',
      name: '생필품 꾸러미',
      nameEn: 'Daily-necessity kits',
      organisationId: cityId,
      kind: 'necessity_kit',
      cadence: { kind: 'monthly_days', days: [1, 15] },
      itemTemplate: [
        {
          category: 'necessity_kit',
          description: '물티슈·마스크·라면·담요',
          quantity: 1,
          unit: 'kit',
          weightKg: 4,
        },
      ],
      storageClass: 'ambient',
      rounds: 12,
      startsOn: '2026-12-01',
    },
    {
      id: demoId(seed, 'program', 'checkin'),
      code: 'CHECK-IN-DROP',
      name: '안부 요구르트',
      nameEn: 'Check-in yogurt drop',
      organisationId: cityId,
      kind: 'check_in_drop',
      cadence: { kind: 'every_n_days', days: 3 },
      itemTemplate: [
        {
          category: 'check_in_drop',
          description: '요구르트',
          quantity: 1,
          unit: 'bottle',
          weightKg: 0.2,
        },
      ],
      storageClass: 'chilled',
      rounds: 40,
      startsOn: '2026-12-01',
    },
  ];
}
