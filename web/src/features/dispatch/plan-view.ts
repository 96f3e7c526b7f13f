import type { inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from '@anbu/gateway';

import type { LatLngTuple } from '../../map/geometry.js';
import type { DrawnRoute } from '../../map/route-polyline.js';
import { routeColour } from '../../map/stop-status.js';

type Outputs = inferRouterOutputs<AppRouter>;
/** A plan as `dispatch.plan` gives it. */
export type PlanView = Outputs['dispatch']['plan'];
/** One of its routes. */
export type PlanRoute = PlanView['routes'][number];
/** A planning run as `dispatch.planningGet` gives it. */
export type RunView = Outputs['dispatch']['planningGet'];

/** A route's figures for the side list. */
export interface RouteSummary {
  readonly route: PlanRoute;
  /** 1-based, in the plan's order: "Route 3". */
  readonly number: number;
  readonly colour: string;
  readonly stops: number;
  readonly boxes: number;
  readonly kg: number;
  readonly km: number;
  readonly minutes: number;
  /** Stops whose ETA is within their window and the shift. */
  readonly onTime: number;
}

/** Whether a stop's ETA keeps its window and the route's shift. */
function isOnTime(stop: PlanRoute['stops'][number], shiftEnd: string | undefined): boolean {
  const eta = Date.parse(stop.eta);
  if (stop.window && eta > Date.parse(stop.window.end)) return false;
  return !(shiftEnd && eta > Date.parse(shiftEnd));
}

/** Each route of the plan with its colour and figures, in the plan's order. */
export function summariseRoutes(plan: Pick<PlanView, 'routes'>): RouteSummary[] {
  return plan.routes.map((route, index) => ({
    route,
    number: index + 1,
    colour: routeColour(index),
    stops: route.stops.length,
    boxes: route.load.boxes,
    kg: Math.round(route.load.kg * 10) / 10,
    km: Math.round(route.distanceMeters / 100) / 10,
    minutes: Math.round(route.durationSeconds / 60),
    onTime: route.stops.filter((stop) => isOnTime(stop, route.shiftEnd)).length,
  }));
}

const toTuple = (point: { lat: number; lng: number }): LatLngTuple => [point.lat, point.lng];

/**
 * The routes as the map draws them: the road geometry when the plan has one, else straight
 * legs from the start through the located stops to the end.
 */
export function drawnRoutes(
  summaries: readonly RouteSummary[],
  label: (summary: RouteSummary, order: number) => string,
): DrawnRoute[] {
  return summaries.map((summary) => {
    const { route } = summary;
    const stops = [...route.stops].sort((a, b) => a.sequence - b.sequence);
    const located = stops.flatMap((stop, index) =>
      stop.location ? [{ stop, order: index + 1, position: toTuple(stop.location) }] : [],
    );
    const path =
      route.geometry.length > 1
        ? route.geometry.map(toTuple)
        : [
            ...(route.start ? [toTuple(route.start)] : []),
            ...located.map((l) => l.position),
            ...(route.end ? [toTuple(route.end)] : []),
          ];
    return {
      id: route.id,
      name: String(summary.number),
      colour: summary.colour,
      path,
      stops: located.map(({ stop, order, position }) => ({
        id: stop.id,
        position,
        status: stop.status,
        label: label(summary, order),
      })),
    };
  });
}

/** One point of the progress chart. */
export interface ProgressPoint {
  readonly seconds: number;
  /** Orders the best plan so far leaves without a route. */
  readonly unassigned: number;
  /** Routes (carriers) the best plan so far uses. */
  readonly routes: number;
}

/**
 * Adds the run's latest best plan to the chart's points, once per moment: how many orders it
 * leaves unassigned and how many routes it uses (what a dispatcher reads, unlike the solver's
 * penalised cost). Reports before the first complete plan carry no such figures and are skipped.
 */
export function appendProgress(
  points: readonly ProgressPoint[],
  progress: RunView['progress'],
): readonly ProgressPoint[] {
  if (progress.unassigned === undefined || progress.vehicles === undefined) return points;
  // The solver reports zero routes until its first plan is built.
  if (progress.vehicles === 0 && (progress.bestCost ?? 0) <= 0) return points;
  const seconds = Math.round(progress.elapsedMs / 100) / 10;
  const last = points.at(-1);
  if (last && last.seconds >= seconds) return points;
  return [...points, { seconds, unassigned: progress.unassigned, routes: progress.vehicles }];
}
