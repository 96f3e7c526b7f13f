import type { CarrierKind, CarrierSkill, VehicleKind } from '@anbu/contracts';

import type { DemoCarrier, DemoDepot, DemoDistrict } from '../types.js';
import type { Organisations } from './organisations.js';
import { demoId } from '../ids.js';
import { createRandom } from '../random.js';
import { personName } from './households.js';

interface FleetSpec {
  readonly kind: CarrierKind;
  readonly vehicleKind: VehicleKind;
  readonly count: number;
  readonly label: string;
  readonly capacity: DemoCarrier['vehicle']['capacity'];
  readonly speedKmh: number;
  readonly skills: readonly CarrierSkill[];
  readonly shift: DemoCarrier['shift'];
}

/** The demo fleet: 14 postal motorbikes, 6 vans, 8 cars, 12 walking volunteers (40). */
const FLEET: readonly FleetSpec[] = [
  {
    kind: 'postal_motorbike',
    vehicleKind: 'motorbike',
    count: 14,
    label: '우편 이륜차',
    capacity: { boxes: 12, kg: 40, chilledBoxes: 0 },
    speedKmh: 30,
    skills: ['welfare_check'],
    shift: { start: '09:00', end: '17:00' },
  },
  {
    kind: 'van',
    vehicleKind: 'van',
    count: 6,
    label: '냉장 탑차',
    capacity: { boxes: 80, kg: 600, chilledBoxes: 40 },
    speedKmh: 35,
    skills: ['chilled', 'heavy_items'],
    shift: { start: '08:00', end: '16:00' },
  },
  {
    kind: 'car',
    vehicleKind: 'car',
    count: 8,
    label: '봉사 승용차',
    capacity: { boxes: 25, kg: 150, chilledBoxes: 10 },
    speedKmh: 40,
    skills: ['chilled', 'welfare_check'],
    shift: { start: '10:00', end: '14:00' },
  },
  {
    kind: 'walking_volunteer',
    vehicleKind: 'on_foot',
    count: 12,
    label: '도보 봉사',
    capacity: { boxes: 3, kg: 8, chilledBoxes: 0 },
    speedKmh: 4.5,
    skills: ['welfare_check'],
    shift: { start: '10:00', end: '12:00' },
  },
];

/** The 40 carriers with their vehicles, organisations and home depots. */
export function buildCarriers(options: {
  seed: string;
  organisations: Organisations;
  depots: readonly DemoDepot[];
  districts: readonly DemoDistrict[];
}): DemoCarrier[] {
  const { seed, organisations: orgs, depots, districts } = options;
  const random = createRandom(`${seed}:carriers`);
  const depot = (kind: DemoDepot['kind']): DemoDepot => {
    const found = depots.find((d) => d.kind === kind);
    if (found === undefined) throw new TypeError(`the demo city has no ${kind} depot`);
    return found;
  };
  const urban = districts.filter((d) => d.kind === 'dong');
  const volunteerOrgs = [orgs.council.id, orgs.church.id, orgs.rotary.id];
  const carriers: DemoCarrier[] = [];
  for (const spec of FLEET) {
    for (let n = 0; n < spec.count; n++) {
      const index = carriers.length;
      // Postal carriers cover every district on their rounds; walkers stay in the city's 동.
      const area =
        spec.kind === 'walking_volunteer'
          ? urban[n % urban.length]
          : districts[n % districts.length];
      const organisationId =
        spec.kind === 'postal_motorbike'
          ? orgs.post.id
          : spec.kind === 'van'
            ? orgs.foodbank.id
            : (volunteerOrgs[n % volunteerOrgs.length] ?? orgs.council.id);
      const home =
        spec.kind === 'postal_motorbike'
          ? depot('post_office')
          : spec.kind === 'van'
            ? depot('food_bank')
            : depot('kitchen');
      carriers.push({
        id: demoId(seed, 'carrier', index),
        name: personName(random),
        organisationId,
        homeDepotId: home.id,
        districtCode: area?.code ?? home.districtCode,
        kind: spec.kind,
        skills: spec.skills,
        vehicle: {
          id: demoId(seed, 'vehicle', index),
          kind: spec.vehicleKind,
          refrigerated: spec.capacity.chilledBoxes > 0,
          label: `${spec.label} #${String(n + 1).padStart(2, '0')}`,
          capacity: spec.capacity,
          speedKmh: spec.speedKmh,
        },
        shift: spec.shift,
      });
    }
  }
  return carriers;
}
