import type { Plan, Route } from '@anbu/contracts';

import type { RouteGeometry } from './osrm-geometry.js';

/** Walking speeds and below get footpaths; everything else the road network. */
const FOOT_MAX_KMH = 6;

/** The points a route's line goes through: start depot, each located stop, end depot. */
function waypointsOf(route: Route) {
  const stops = route.stops.flatMap((s) => (s.location ? [s.location] : []));
  if (stops.length === 0) return [];
  return [...(route.start ? [route.start] : []), ...stops, ...(route.end ? [route.end] : [])];
}

/**
 * The plan with the line of each of `routeIds` (every route when absent) drawn by `geometry`,
 * a few routes at a time; the rest is left as it is.
 */
export async function withRouteLines(
  plan: Plan,
  options: { geometry: RouteGeometry; routeIds?: ReadonlySet<string>; concurrency?: number },
): Promise<Plan> {
  const { geometry, routeIds, concurrency = 4 } = options;
  const routes = [...plan.routes];
  const todo = routes.flatMap((route, index) =>
    !routeIds || routeIds.has(route.id) ? [index] : [],
  );
  for (let i = 0; i < todo.length; i += concurrency) {
    await Promise.all(
      todo.slice(i, i + concurrency).map(async (index) => {
        const route = routes[index];
        if (!route) return;
        const points = waypointsOf(route);
        if (points.length < 2) return;
        const profile = (route.speedKmh ?? 40) <= FOOT_MAX_KMH ? 'foot' : 'driving';
        routes[index] = { ...route, geometry: await geometry.lineThrough(points, { profile }) };
      }),
    );
  }
  return { ...plan, routes };
}
