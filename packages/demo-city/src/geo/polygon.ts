import type { LatLng, PolygonGeometry, Position, Ring } from './types.js';

/** A point in a local plane where one unit is roughly the same distance on both axes. */
interface PlanePoint {
  readonly x: number;
  readonly y: number;
}

/** Longitude degrees shrink with latitude; scaling by cos(lat) keeps bisectors honest. */
function toPlane(point: LatLng, cosLat: number): PlanePoint {
  return { x: point.lng * cosLat, y: point.lat };
}

function fromPlane(point: PlanePoint, cosLat: number): LatLng {
  return { lat: point.y, lng: point.x / cosLat };
}

/** Keeps the part of a convex polygon on the side of `a` of the bisector between `a` and `b`. */
function clipToBisector(
  polygon: readonly PlanePoint[],
  a: PlanePoint,
  b: PlanePoint,
): PlanePoint[] {
  const nx = b.x - a.x;
  const ny = b.y - a.y;
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  // side < 0: closer to a than to b.
  const side = (p: PlanePoint): number => (p.x - mid.x) * nx + (p.y - mid.y) * ny;
  const out: PlanePoint[] = [];
  polygon.forEach((current, i) => {
    const previous = polygon[(i + polygon.length - 1) % polygon.length] ?? current;
    const sc = side(current);
    const sp = side(previous);
    if (sc <= 0) {
      if (sp > 0) out.push(lerp(previous, current, sp / (sp - sc)));
      out.push(current);
    } else if (sp <= 0) {
      out.push(lerp(previous, current, sp / (sp - sc)));
    }
  });
  return out;
}

function lerp(p: PlanePoint, q: PlanePoint, t: number): PlanePoint {
  return { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t };
}

/**
 * The Voronoi cell of each site, clipped to a convex outline: the area closer to that site than
 * to any other. Cells are convex polygons (open rings of lat/lng points, counter-clockwise if
 * the outline is).
 */
export function voronoiCells(sites: readonly LatLng[], outline: readonly LatLng[]): LatLng[][] {
  const meanLat = sites.reduce((sum, site) => sum + site.lat, 0) / Math.max(sites.length, 1);
  const cosLat = Math.cos((meanLat * Math.PI) / 180);
  const planeSites = sites.map((site) => toPlane(site, cosLat));
  const planeOutline = outline.map((point) => toPlane(point, cosLat));
  return planeSites.map((site, i) => {
    let cell = planeOutline;
    planeSites.forEach((other, j) => {
      if (i !== j) cell = clipToBisector(cell, site, other);
    });
    return cell.map((point) => fromPlane(point, cosLat));
  });
}

/** Whether a point lies inside a ring (even–odd rule; points on the edge may go either way). */
export function pointInRing(point: LatLng, ring: readonly LatLng[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a === undefined || b === undefined) continue;
    const crosses =
      a.lat > point.lat !== b.lat > point.lat &&
      point.lng < ((b.lng - a.lng) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lng;
    if (crosses) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a GeoJSON polygon's outer ring (holes are not used here). */
export function pointInPolygon(point: LatLng, polygon: PolygonGeometry): boolean {
  const outer = polygon.coordinates[0];
  if (outer === undefined) return false;
  return pointInRing(
    point,
    outer.map(([lng, lat]) => ({ lat, lng })),
  );
}

/** Rounds to 6 decimals (~0.1 m), enough for a map and stable across platforms. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A GeoJSON polygon from an open ring of points (closes it, rounds coordinates). */
export function toPolygon(ring: readonly LatLng[]): PolygonGeometry {
  const positions: Position[] = ring.map((p) => [round6(p.lng), round6(p.lat)] as const);
  const first = positions[0];
  const closed: Ring = first === undefined ? positions : [...positions, first];
  return { type: 'Polygon', coordinates: [closed] };
}

/** The bounding box of a ring: `[minLat, minLng, maxLat, maxLng]`. */
export function bounds(ring: readonly LatLng[]): readonly [number, number, number, number] {
  const lats = ring.map((p) => p.lat);
  const lngs = ring.map((p) => p.lng);
  return [Math.min(...lats), Math.min(...lngs), Math.max(...lats), Math.max(...lngs)];
}
