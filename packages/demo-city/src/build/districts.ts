import type { DemoDistrict } from '../types.js';
import { CITY_OUTLINE, DISTRICT_SEEDS } from '../data/districts.js';
import { round6, toPolygon, voronoiCells } from '../geo/polygon.js';
import { demoId } from '../ids.js';

/** Districts with their Voronoi boundaries and a welfare office near each centre. */
export function buildDistricts(seed: string): DemoDistrict[] {
  const cells = voronoiCells(
    DISTRICT_SEEDS.map((district) => district.centre),
    CITY_OUTLINE,
  );
  return DISTRICT_SEEDS.map((district, i) => {
    const cell = cells[i] ?? [];
    return {
      code: district.code,
      name: district.name,
      nameEn: district.nameEn,
      kind: district.kind,
      group: district.group,
      centre: district.centre,
      boundary: toPolygon(cell),
      welfareOffice: {
        id: demoId(seed, 'welfare-office', district.code),
        name: `${district.name} 행정복지센터`,
        // A little off the centre so the office marker does not hide the district label.
        location: {
          lat: round6(district.centre.lat + 0.0008),
          lng: round6(district.centre.lng + 0.0006),
        },
      },
    };
  });
}
