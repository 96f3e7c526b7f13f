import type { DemoDistrict } from '../types.js';
import { CITY_OUTLINE, DISTRICT_SEEDS } from '../data/districts.js';
import { round6, toPolygon, voronoiCells } from '../geo/polygon.js';

/** Districts with their Voronoi boundaries and a welfare office near each centre. */
export function buildDistricts(): DemoDistrict[] {
  const cells = voronoiCells(
    DISTRICT_SEEDS.map((seed) => seed.centre),
    CITY_OUTLINE,
  );
  return DISTRICT_SEEDS.map((seed, i) => {
    const cell = cells[i] ?? [];
    return {
      code: seed.code,
      name: seed.name,
      nameEn: seed.nameEn,
      kind: seed.kind,
      group: seed.group,
      centre: seed.centre,
      boundary: toPolygon(cell),
      welfareOffice: {
        name: `${seed.name} 행정복지센터`,
        // A little off the centre so the office marker does not hide the district label.
        location: { lat: round6(seed.centre.lat + 0.0008), lng: round6(seed.centre.lng + 0.0006) },
      },
    };
  });
}
