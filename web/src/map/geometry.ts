/** A point as Leaflet takes it: `[latitude, longitude]`. */
export type LatLngTuple = readonly [number, number];

const toRad = (deg: number) => (deg * Math.PI) / 180;

/**
 * The compass bearing from `a` to `b` in degrees (0 = north, 90 = east), used to turn the
 * direction arrows along a route.
 */
export function bearing(a: LatLngTuple, b: LatLngTuple): number {
  const [lat1, lng1] = [toRad(a[0]), toRad(a[1])];
  const [lat2, lng2] = [toRad(b[0]), toRad(b[1])];
  const y = Math.sin(lng2 - lng1) * Math.cos(lat2);
  const x =
    Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lng2 - lng1);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/** The midpoint of a short segment (plain interpolation is exact enough within a city). */
export function midpoint(a: LatLngTuple, b: LatLngTuple): LatLngTuple {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

/**
 * Where to draw direction arrows: the midpoint and bearing of each segment, skipping segments
 * too short to carry one (closer than `minDegrees`, about 100 m by default).
 */
export function arrowPlacements(
  path: readonly LatLngTuple[],
  { minDegrees = 0.001 }: { minDegrees?: number } = {},
): { position: LatLngTuple; bearing: number }[] {
  const placements: { position: LatLngTuple; bearing: number }[] = [];
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1];
    const to = path[i];
    if (from === undefined || to === undefined) continue;
    if (Math.hypot(to[0] - from[0], to[1] - from[1]) < minDegrees) continue;
    placements.push({ position: midpoint(from, to), bearing: bearing(from, to) });
  }
  return placements;
}

/**
 * The area-weighted centroid of a ring, or undefined for a ring with no area. Where a district's
 * name reads best: a town's seat, its nominal centre, is where depots tend to stand.
 */
export function ringCentroid(ring: readonly LatLngTuple[]): LatLngTuple | undefined {
  let twiceArea = 0;
  let lat = 0;
  let lng = 0;
  for (let i = 0; i < ring.length; i++) {
    const [y1, x1] = ring[i] ?? [0, 0];
    const [y2, x2] = ring[(i + 1) % ring.length] ?? [0, 0];
    const cross = x1 * y2 - x2 * y1;
    twiceArea += cross;
    lng += (x1 + x2) * cross;
    lat += (y1 + y2) * cross;
  }
  if (twiceArea === 0) return undefined;
  return [lat / (3 * twiceArea), lng / (3 * twiceArea)];
}
