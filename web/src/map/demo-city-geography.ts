import { createDemoCity, districtsGeoJson, roadsGeoJson } from '@anbu/demo-city';

import type { CityGeography, RoadClass } from './city-geography.js';
import type { LatLngTuple } from './geometry.js';
import { ringCentroid } from './geometry.js';

/** `[lng, lat]` (GeoJSON) to `[lat, lng]` (Leaflet). */
const toLatLng = ([lng, lat]: readonly [number, number]): LatLngTuple => [lat, lng];

function roadClassOf(nameEn: string): RoadClass {
  if (/expressway/i.test(nameEn)) return 'trunk';
  if (/-daero$/i.test(nameEn)) return 'primary';
  return 'secondary';
}

/**
 * The demo city's 읍면동 boundaries, main roads and depots, shipped with the app so the map
 * reads even when no tile server can be reached. Names follow `language`.
 */
export function demoCityGeography(language: 'ko' | 'en'): CityGeography {
  // No households: the base map needs none, and recipients' data never ships in the bundle.
  const city = createDemoCity({ householdCount: 0 });
  return {
    districts: districtsGeoJson(city).features.map((feature) => {
      const rings = feature.geometry.coordinates.map((ring) => ring.map(toLatLng));
      const outer = rings[0] ?? [];
      return {
        code: feature.properties.code,
        name: language === 'ko' ? feature.properties.name : feature.properties.nameEn,
        rings,
        labelAt: ringCentroid(outer) ?? outer[0] ?? [0, 0],
      };
    }),
    roads: roadsGeoJson(city).features.map((feature, index) => ({
      id: `road-${index}`,
      name: language === 'ko' ? feature.properties.name : feature.properties.nameEn,
      roadClass: roadClassOf(feature.properties.nameEn),
      path: feature.geometry.coordinates.map(toLatLng),
    })),
    depots: city.depots.map((depot) => ({
      id: depot.id,
      name: language === 'ko' ? depot.name : depot.nameEn,
      kind: depot.kind,
      position: [depot.location.lat, depot.location.lng],
    })),
  };
}
