import type { DemoCity, DistrictFeatureCollection, RoadFeatureCollection } from './types.js';

/** The district boundaries as a GeoJSON FeatureCollection (the web map loads it offline). */
export function districtsGeoJson(city: Pick<DemoCity, 'districts'>): DistrictFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: city.districts.map((district) => ({
      type: 'Feature',
      id: district.code,
      geometry: district.boundary,
      properties: {
        code: district.code,
        name: district.name,
        nameEn: district.nameEn,
        kind: district.kind,
      },
    })),
  };
}

/** The main roads as a GeoJSON FeatureCollection. */
export function roadsGeoJson(city: Pick<DemoCity, 'roads'>): RoadFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: city.roads.map((road) => ({
      type: 'Feature',
      geometry: road.line,
      properties: { name: road.name, nameEn: road.nameEn },
    })),
  };
}
