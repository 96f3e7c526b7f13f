/** A WGS84 point. */
export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** A GeoJSON position: `[longitude, latitude]` (RFC 7946 order). */
export type Position = readonly [number, number];

/** A closed GeoJSON polygon ring: the first and last positions are equal. */
export type Ring = readonly Position[];

export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: readonly Ring[];
}

export interface LineStringGeometry {
  readonly type: 'LineString';
  readonly coordinates: readonly Position[];
}

export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: Position;
}

export type Geometry = PolygonGeometry | LineStringGeometry | PointGeometry;

export interface Feature<G extends Geometry = Geometry, P = Record<string, unknown>> {
  readonly type: 'Feature';
  readonly id?: string;
  readonly geometry: G;
  readonly properties: P;
}

export interface FeatureCollection<G extends Geometry = Geometry, P = Record<string, unknown>> {
  readonly type: 'FeatureCollection';
  readonly features: readonly Feature<G, P>[];
}
