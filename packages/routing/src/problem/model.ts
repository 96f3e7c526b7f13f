/* eslint-disable max-params -- hot path: positional arguments, no options object allocated per evaluated move */
import type { Location, Objective } from '@anbu/contracts/routing';

import type { TravelMatrix } from '../matrix/travel-matrix.js';

/** What a task is: a job, or one end of a shipment. */
export const TaskKind = { job: 0, pickup: 1, delivery: 2 } as const;
export type TaskKind = (typeof TaskKind)[keyof typeof TaskKind];

/** A vehicle break as the scheduler sees it. */
export interface BreakSpec {
  readonly id: number;
  readonly windows: readonly (readonly [number, number])[];
  readonly service: number;
}

/**
 * The compiled problem in flat typed arrays: tasks (a job is one task, a shipment two) and
 * vehicles. Amount arrays are `n × dims`, compatibility is `tasks × vehicles`.
 */
export interface Model {
  readonly nTasks: number;
  readonly nVehicles: number;
  readonly dims: number;
  readonly objective: Objective;
  /** Matrix index of each task's location. */
  readonly taskLoc: Int32Array;
  readonly taskService: Float64Array;
  /** Windows of task `t` are `twStart/twEnd[twOff[t] .. twOff[t+1])`, sorted. */
  readonly twOff: Int32Array;
  readonly twStart: Float64Array;
  readonly twEnd: Float64Array;
  /** Amount loaded at the route start for the task (a job's delivery). */
  readonly taskStartLoad: Float64Array;
  /** Load change at the task (pickup − delivery for jobs, ± amount for shipments). */
  readonly taskDelta: Float64Array;
  readonly taskKind: Uint8Array;
  /** The other end of a shipment, or −1. */
  readonly taskPartner: Int32Array;
  readonly taskPriority: Float64Array;
  /** Public id of the job or shipment step. */
  readonly taskId: Float64Array;
  /** Cost of leaving the task (or its shipment) unassigned. */
  readonly taskPenalty: Float64Array;
  /** 1 if the vehicle has the task's skills. */
  readonly compat: Uint8Array;
  /** Extra cost of serving the task with the vehicle (continuity of care), or null. */
  readonly prefCost: Float64Array | null;
  readonly vId: Float64Array;
  /** Matrix index of the start / end, −1 when absent (open route). */
  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  readonly vCap: Float64Array;
  readonly vTwStart: Float64Array;
  readonly vTwEnd: Float64Array;
  /** Fixed cost of using the vehicle, objective surcharge included. */
  readonly vFixed: Float64Array;
  readonly vCostDist: Float64Array;
  readonly vCostDur: Float64Array;
  readonly vMaxDist: Float64Array;
  readonly vMaxTravel: Float64Array;
  readonly vMaxTasks: Float64Array;
  readonly vMatrix: readonly TravelMatrix[];
  readonly vBreaks: readonly (readonly BreakSpec[])[];
  /** Vehicles with equal class are interchangeable when empty. */
  readonly vClass: Int32Array;
  readonly balanceWeight: number;
  /** Part of `vFixed` that only encodes the vehicles-first objective (not a real cost). */
  readonly vehicleWeight: number;
  /** Coordinates of each matrix index, when the problem gave coordinates. */
  readonly locations: readonly Location[] | null;
  /** Nearest tasks of each task, `nTasks × neighbourCount`. */
  readonly neighbours: Int32Array;
  readonly neighbourCount: number;
}

/** Travel time between two matrix indices for a vehicle; −1 (no depot) costs nothing. */
export function travelTime(model: Model, v: number, from: number, to: number): number {
  if (from < 0 || to < 0) return 0;
  return model.vMatrix[v]?.duration(from, to) ?? 0;
}

/** Travel distance between two matrix indices for a vehicle. */
export function travelDistance(model: Model, v: number, from: number, to: number): number {
  if (from < 0 || to < 0) return 0;
  return model.vMatrix[v]?.distance(from, to) ?? 0;
}

/** Earliest service start at or after `arrival` inside a window of task `t`, or Infinity. */
export function windowStart(model: Model, t: number, arrival: number): number {
  const end = model.twOff[t + 1] ?? 0;
  for (let k = model.twOff[t] ?? 0; k < end; k++) {
    if (arrival <= (model.twEnd[k] ?? 0)) return Math.max(arrival, model.twStart[k] ?? 0);
  }
  return Infinity;
}

/** Latest arrival at task `t` that still allows a service start no later than `limit`. */
export function latestArrival(model: Model, t: number, limit: number): number {
  const begin = model.twOff[t] ?? 0;
  for (let k = (model.twOff[t + 1] ?? 0) - 1; k >= begin; k--) {
    if ((model.twStart[k] ?? 0) <= limit) return Math.min(model.twEnd[k] ?? 0, limit);
  }
  return -Infinity;
}
