export { createDemoCity, demoCityFingerprint, DEFAULT_DEMO_SEED } from './city.js';
export type { DemoCityOptions } from './city.js';
export { districtsGeoJson, roadsGeoJson } from './geojson.js';
export { DEFAULT_HOUSEHOLD_COUNT } from './build/households.js';
export { pointInPolygon } from './geo/polygon.js';
export { demoId } from './ids.js';
export { seedPayloads } from './seed-payloads.js';
export type { SeedPayloads } from './seed-payloads.js';
export { uuidV5, DEMO_CITY_NAMESPACE } from './uuid.js';
export type { DistrictGroup, DistrictKind } from './data/districts.js';
export type {
  Feature,
  FeatureCollection,
  LatLng,
  LineStringGeometry,
  PointGeometry,
  PolygonGeometry,
  Position,
} from './geo/types.js';
export type {
  DemoCarrier,
  DemoCity,
  DemoConsent,
  DemoDepot,
  DemoDistrict,
  DemoHousehold,
  DemoOrganisation,
  DemoProgram,
  DemoRoad,
  DemoUser,
  DepotKind,
  DistrictFeatureCollection,
  RoadFeatureCollection,
} from './types.js';
