import type { Model } from '../problem/model.js';
import { TaskKind } from '../problem/model.js';
import { RouteState } from './route-state.js';

/**
 * A whole plan during search: one {@link RouteState} per vehicle, which route serves each task
 * (−1: none), and the penalty of the unassigned ones. Copies are route-by-route so that a rejected
 * move only restores the routes it touched.
 */
export class Plan {
  readonly model: Model;
  readonly routes: RouteState[];
  readonly routeOf: Int32Array;
  /** Position of each routed task in its route (valid after the route's refresh). */
  readonly posOf: Int32Array;

  constructor(model: Model) {
    this.model = model;
    this.posOf = new Int32Array(model.nTasks);
    this.routes = Array.from({ length: model.nVehicles }, (_, v) => new RouteState(model, v, this.posOf));
    this.routeOf = new Int32Array(model.nTasks).fill(-1);
    for (const r of this.routes) r.refresh(model);
  }

  /** Total objective: route costs plus penalties of tasks served by no route. */
  cost(): number {
    let c = 0;
    for (const r of this.routes) c += r.cost;
    const pen = this.model.taskPenalty;
    for (let t = 0; t < this.routeOf.length; t++) if (this.routeOf[t] === -1) c += pen[t] ?? 0;
    return c;
  }

  /** Number of non-empty routes. */
  vehicles(): number {
    let n = 0;
    for (const r of this.routes) if (r.len > 0) n++;
    return n;
  }

  /** Number of unassigned jobs plus shipments (a shipment counts once). */
  unassigned(): number {
    let n = 0;
    for (let t = 0; t < this.routeOf.length; t++) {
      if (this.routeOf[t] === -1 && this.model.taskKind[t] !== TaskKind.delivery) n++;
    }
    return n;
  }

  /** Total travel distance. */
  distance(): number {
    let d = 0;
    for (const r of this.routes) if (r.len > 0) d += r.distance;
    return d;
  }

  /** Copies everything from another plan of the same model. */
  copyFrom(other: Plan): void {
    for (let v = 0; v < this.routes.length; v++) {
      const from = other.routes[v];
      if (from) this.routes[v]?.copyFrom(this.model, from);
    }
    this.routeOf.set(other.routeOf);
  }

  /** Copies the listed routes and the task→route map from another plan. */
  copyRoutes(other: Plan, vehicles: Int32Array, count: number): void {
    for (let i = 0; i < count; i++) {
      const v = vehicles[i] ?? 0;
      const from = other.routes[v];
      if (from) this.routes[v]?.copyFrom(this.model, from);
    }
    this.routeOf.set(other.routeOf);
  }

  /** Inserts a task before a position of a vehicle's route; refresh separately. */
  place(t: number, v: number, pos: number): void {
    this.routes[v]?.insertAt(this.model, pos, t);
    this.routeOf[t] = v;
  }

  /** Removes a task from its route (no refresh); returns its former vehicle or −1. */
  unplace(t: number): number {
    const v = this.routeOf[t] ?? -1;
    const route = this.routes[v];
    if (!route) return -1;
    for (let i = 0; i < route.len; i++) {
      if (route.tasks[i] === t) {
        route.removeAt(i);
        break;
      }
    }
    this.routeOf[t] = -1;
    return v;
  }
}
