import type { Plan, Route, Stop } from '@anbu/contracts';

import { scheduleRoute } from './route-schedule.js';

/** Why a dispatcher's edit was refused. */
export const PLAN_EDIT_REFUSALS = ['not_draft', 'stale_version', 'no_stop', 'no_route'] as const;
export type PlanEditRefusal = (typeof PLAN_EDIT_REFUSALS)[number];

/** A refused edit: `code` says why, `field` names the input at fault. */
export class PlanEditError extends Error {
  override readonly name = 'PlanEditError';
  readonly code: PlanEditRefusal;
  readonly field: string;

  constructor(
    refusal: { code: PlanEditRefusal; field: string },
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.code = refusal.code;
    this.field = refusal.field;
  }
}

/** Checks that `plan` may still be edited at `expectedVersion`. */
export function assertEditable(plan: Plan, expectedVersion: number): void {
  if (plan.status !== 'draft') {
    throw new PlanEditError(
      { code: 'not_draft', field: 'planId' },
      `plan ${plan.id} is ${plan.status}, not a draft`,
    );
  }
  if (plan.version !== expectedVersion) {
    throw new PlanEditError(
      { code: 'stale_version', field: 'expectedVersion' },
      `plan ${plan.id} is at version ${plan.version}, not ${expectedVersion}`,
    );
  }
}

function findStop(plan: Plan, stopId: string): { route: Route; stop: Stop } {
  for (const route of plan.routes) {
    const stop = route.stops.find((s) => s.id === stopId);
    if (stop) return { route, stop };
  }
  throw new PlanEditError(
    { code: 'no_stop', field: 'stopId' },
    `stop ${stopId} is not in plan ${plan.id}`,
  );
}

/** The plan with `routes` replaced and its totals and version brought up to date. */
function withRoutes(plan: Plan, routes: Route[], unassigned = plan.unassigned): Plan {
  return {
    ...plan,
    routes,
    unassigned,
    totalDistanceMeters: routes.reduce((sum, r) => sum + r.distanceMeters, 0),
    totalDurationSeconds: routes.reduce((sum, r) => sum + r.durationSeconds, 0),
    version: plan.version + 1,
  };
}

/** What {@link moveStop} does. */
export interface MoveStop {
  readonly stopId: string;
  /** Absent: take the stop off its route; its order is listed as unassigned. */
  readonly toRouteId?: string | undefined;
  /** Position in the target route; absent or past the end: last. */
  readonly toSequence?: number | undefined;
  readonly at: string;
}

/**
 * Moves a stop to another route (or another place in its own), or off every route, and re-times
 * the routes it left and joined ({@link scheduleRoute}). Other routes are untouched.
 */
export function moveStop(plan: Plan, move: MoveStop): Plan {
  const { route: from, stop } = findStop(plan, move.stopId);
  const target =
    move.toRouteId === undefined ? undefined : plan.routes.find((r) => r.id === move.toRouteId);
  if (move.toRouteId !== undefined && !target) {
    throw new PlanEditError(
      { code: 'no_route', field: 'toRouteId' },
      `route ${move.toRouteId} is not in the plan`,
    );
  }
  const moved: Stop = { ...stop, updatedAt: move.at };
  const routes = plan.routes.map((route) => {
    if (route.id !== from.id && route.id !== target?.id) return route;
    const stops = route.stops.filter((s) => s.id !== stop.id);
    if (route.id === target?.id) {
      const at = Math.min(move.toSequence ?? stops.length, stops.length);
      stops.splice(at, 0, { ...moved, routeId: route.id });
    }
    return scheduleRoute({ ...route, stops });
  });
  const unassigned = target
    ? plan.unassigned
    : [
        ...plan.unassigned,
        {
          orderId: stop.orderId,
          reason: 'dispatcher',
          message: 'taken off its route by a dispatcher',
        },
      ];
  return withRoutes(plan, routes, unassigned);
}

/** Locks or unlocks a stop: a re-plan keeps locked stops on their route. */
export function lockStop(plan: Plan, edit: { stopId: string; locked: boolean; at: string }): Plan {
  const { route: owner } = findStop(plan, edit.stopId);
  const routes = plan.routes.map((route) =>
    route.id !== owner.id
      ? route
      : {
          ...route,
          stops: route.stops.map((s) =>
            s.id === edit.stopId ? { ...s, locked: edit.locked, updatedAt: edit.at } : s,
          ),
        },
  );
  return withRoutes(plan, routes);
}
