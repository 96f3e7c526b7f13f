import type { Capacity, Coordinates, Route, Stop } from '@anbu/contracts';
import { createHaversineMatrix } from '@anbu/routing';

/** Road distance over great-circle distance: the solver's default, so edits agree with it. */
export const CIRCUITY_FACTOR = 1.3;
/** Speed assumed for a route that does not say (the solver's car speed). */
export const DEFAULT_SPEED_KMH = 40;

/** A stop's travel from the previous place: metres and seconds. */
export interface Leg {
  readonly meters: number;
  readonly seconds: number;
}

/** The solver's haversine leg between two places at `speedKmh`. */
export function legBetween(from: Coordinates, to: Coordinates, speedKmh: number): Leg {
  const matrix = createHaversineMatrix({
    points: [
      [from.lng, from.lat],
      [to.lng, to.lat],
    ],
    circuityFactor: CIRCUITY_FACTOR,
    speedKmh,
  });
  return { meters: matrix.distance(0, 1), seconds: matrix.duration(0, 1) };
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (s: number) => s * 1000;

/** The leg into `to` from `from`, or the stored one when a place is unknown. */
function legInto(from: Coordinates | undefined, to: Stop, speedKmh: number): Leg {
  if (from && to.location) return legBetween(from, to.location, speedKmh);
  return { meters: to.travelMeters ?? 0, seconds: to.travelSeconds ?? 0 };
}

const addCapacity = (a: Capacity, b: Capacity | undefined): Capacity =>
  b
    ? { boxes: a.boxes + b.boxes, kg: a.kg + b.kg, chilledBoxes: a.chilledBoxes + b.chilledBoxes }
    : a;

/**
 * Re-times a planned route from scratch after an edit: stops renumbered in their order, each
 * leg re-measured, each ETA the arrival (or the opening of its window, if later), the load the
 * sum of what is dropped, distance and duration from the start depot back to the end one.
 * Routes without `departAt` keep their first ETA as the departure.
 */
export function scheduleRoute(route: Route): Route {
  const speedKmh = route.speedKmh ?? DEFAULT_SPEED_KMH;
  const first = route.stops[0];
  const depart = route.departAt
    ? Date.parse(route.departAt)
    : first
      ? Date.parse(first.eta) - seconds(first.travelSeconds ?? 0)
      : 0;
  let clock = depart;
  let place = route.start;
  let meters = 0;
  let load: Capacity = { boxes: 0, kg: 0, chilledBoxes: 0 };
  const stops = route.stops.map((stop, sequence): Stop => {
    const leg = legInto(place, stop, speedKmh);
    const arrival = clock + seconds(leg.seconds);
    const opens = stop.window ? Date.parse(stop.window.start) : arrival;
    const eta = Math.max(arrival, opens);
    clock = eta + seconds(stop.serviceSeconds);
    meters += leg.meters;
    place = stop.location ?? place;
    if (stop.kind === 'delivery') load = addCapacity(load, stop.amount);
    return {
      ...stop,
      routeId: route.id,
      sequence,
      eta: iso(eta),
      travelSeconds: leg.seconds,
      travelMeters: leg.meters,
    };
  });
  if (place && route.end && stops.length > 0) {
    const back = legBetween(place, route.end, speedKmh);
    clock += seconds(back.seconds);
    meters += back.meters;
  }
  return {
    ...route,
    stops,
    load,
    distanceMeters: Math.round(meters),
    durationSeconds: stops.length > 0 ? Math.round((clock - depart) / 1000) : 0,
    geometry: straightGeometry({ ...route, stops }),
  };
}

/** Straight segments from the start depot through every stop to the end depot. */
export function straightGeometry(route: Pick<Route, 'start' | 'end' | 'stops'>): Coordinates[] {
  const points = route.stops.flatMap((s) => (s.location ? [s.location] : []));
  if (points.length === 0) return [];
  return [...(route.start ? [route.start] : []), ...points, ...(route.end ? [route.end] : [])];
}

/**
 * When the carrier leaves a reported stop: after the service for `arrived` (they are there
 * now), at once for a final status (the stop is done, or nobody answered).
 */
function departureAfter(stop: Stop): number | undefined {
  if (stop.status === 'planned' || !stop.reportedAt) return undefined;
  const at = Date.parse(stop.reportedAt);
  return stop.status === 'arrived' ? at + seconds(stop.serviceSeconds) : at;
}

/**
 * Recomputes the ETAs of a route's stops still `planned` after the carrier's reports: from the
 * last reported stop before them, each next stop is reached after its leg (not before its window
 * opens) and left after its service. Reported stops and the stops before the first report keep
 * their times. Pure: the same route and reports give the same ETAs.
 */
export function recomputeEtas(route: Route): Route {
  const speedKmh = route.speedKmh ?? DEFAULT_SPEED_KMH;
  let clock: number | undefined;
  let place: Coordinates | undefined;
  const stops = route.stops.map((stop): Stop => {
    const departure = departureAfter(stop);
    if (departure !== undefined) {
      clock = departure;
      place = stop.location ?? place;
      return stop;
    }
    if (clock === undefined || stop.status !== 'planned') return stop;
    const leg = legInto(place, stop, speedKmh);
    const arrival = clock + seconds(leg.seconds);
    const opens = stop.window ? Date.parse(stop.window.start) : arrival;
    const eta = Math.max(arrival, opens);
    clock = eta + seconds(stop.serviceSeconds);
    place = stop.location ?? place;
    return { ...stop, eta: iso(eta) };
  });
  return { ...route, stops };
}
