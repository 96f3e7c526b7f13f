import { describe, expect, it } from 'vitest';

import type { DistrictShape } from '../../map/city-geography.js';
import type { PartnerMapView } from './partner-map-view.js';
import { drawPartnerRoutes, summarisePartnerRoutes } from './partner-map-view.js';

const district = (code: string, name: string, at: [number, number]): DistrictShape => ({
  code,
  name,
  rings: [[at, [at[0] + 0.01, at[1]], [at[0], at[1] + 0.01]]],
  labelAt: at,
});
const districts = [
  district('5214057000', '중앙동', [35.94, 126.95]),
  district('5214025000', '함열읍', [36.07, 126.96]),
];

const view: PartnerMapView = {
  date: '2026-11-26',
  pickups: [
    {
      donationId: '00000000-0000-4000-8000-0000000000d1',
      status: 'accepted',
      placeName: '로타리 회관',
      location: { lat: 35.95, lng: 126.97 },
      window: { start: '2026-11-26T10:00:00+09:00', end: '2026-11-26T12:00:00+09:00' },
      items: [{ category: 'necessity_kit', quantity: 40, unit: 'box' }],
    },
  ],
  routes: [
    {
      routeId: 'r1',
      stopCount: 12,
      districts: ['5214057000', '5214025000'],
      ours: [
        {
          kind: 'pickup',
          districtCode: '5214057000',
          sequence: 1,
          status: 'planned',
          donationId: '00000000-0000-4000-8000-0000000000d1',
        },
        { kind: 'delivery', districtCode: '5214025000', sequence: 5, status: 'delivered' },
        { kind: 'delivery', districtCode: '5214025000', sequence: 6, status: 'planned' },
      ],
    },
  ],
};

describe('drawPartnerRoutes', () => {
  const drawn = drawPartnerRoutes(view, {
    districts,
    label: ({ kind, district: name, count }) => `${kind} ${name} ${count}`,
  });

  it('should join the centres of the 읍면동 the route passes, in order', () => {
    expect(drawn[0]?.path).toEqual([
      [35.94, 126.95],
      [36.07, 126.96],
    ]);
  });

  it("should put a pickup at the partner's own place and deliveries only at a 읍면동 centre", () => {
    const stops = drawn[0]?.stops ?? [];
    expect(stops.map((s) => s.position)).toEqual([
      [35.95, 126.97],
      [36.07, 126.96],
    ]);
    expect(stops[1]).toMatchObject({ label: 'delivery 함열읍 2', status: 'planned' });
  });
});

describe("the partner's own volunteer's route", () => {
  const withVolunteer: PartnerMapView = {
    ...view,
    routes: [
      ...view.routes,
      {
        routeId: 'r2',
        stopCount: 3,
        districts: ['5214025000'],
        ours: [
          { kind: 'delivery', districtCode: '5214025000', sequence: 0, status: 'planned' },
          { kind: 'delivery', districtCode: '5214025000', sequence: 1, status: 'planned' },
        ],
        ownCarrier: { name: '봉사자 김하나' },
      },
    ],
  };

  it('should be named for its volunteer, its deliveries marked as theirs at a 읍면동 centre', () => {
    const summaries = summarisePartnerRoutes(withVolunteer, (code) => code);
    expect(summaries.map((s) => s.volunteer)).toEqual([undefined, '봉사자 김하나']);
    const drawn = drawPartnerRoutes(withVolunteer, {
      districts,
      label: ({ kind, district: name, count }) => `${kind} ${name} ${count}`,
    });
    expect(drawn[1]?.stops).toEqual([
      expect.objectContaining({ position: [36.07, 126.96], label: 'volunteer 함열읍 2' }),
    ]);
  });
});

describe('summarisePartnerRoutes', () => {
  it('should count pickups, deliveries and those delivered, with the districts named', () => {
    const [summary] = summarisePartnerRoutes(view, (code) =>
      code === '5214025000' ? '함열읍' : code,
    );
    expect(summary).toMatchObject({
      number: 1,
      pickups: 1,
      deliveries: 2,
      delivered: 1,
      deliveryDistricts: ['함열읍'],
    });
  });
});
