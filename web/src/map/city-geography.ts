import type { LatLngTuple } from './geometry.js';

/** A 읍면동 as the map draws it: outline rings and a label point. */
export interface DistrictShape {
  readonly code: string;
  readonly name: string;
  /** Outer ring first, then holes; `[lat, lng]` points. */
  readonly rings: readonly (readonly LatLngTuple[])[];
  readonly labelAt: LatLngTuple;
}

/** Road classes, widest first. */
export type RoadClass = 'trunk' | 'primary' | 'secondary';

/** A main road as a line. */
export interface RoadLine {
  readonly id: string;
  readonly name: string;
  readonly roadClass: RoadClass;
  readonly path: readonly LatLngTuple[];
}

/** What a depot is, for its symbol. */
export type DepotKind = 'post_office' | 'kitchen' | 'food_bank';

/** A depot: where routes start and end and goods are stocked. */
export interface DepotPoint {
  readonly id: string;
  readonly name: string;
  readonly kind: DepotKind;
  readonly position: LatLngTuple;
}

/** The city's geography the base map draws without tiles. */
export interface CityGeography {
  readonly districts: readonly DistrictShape[];
  readonly roads: readonly RoadLine[];
  readonly depots: readonly DepotPoint[];
}
