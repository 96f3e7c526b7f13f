import type { Location, RoutingProblem } from '@anbu/contracts/routing';

import type { TravelMatrix } from '../matrix/travel-matrix.js';
import type { BreakSpec, Model } from './model.js';
import { TaskKind } from './model.js';
import { buildLocationTable } from './locations.js';
import { gridNeighbours } from './grid-neighbours.js';
import { nearestNeighbours } from './neighbours.js';
import { validateProblem } from './validate.js';

const OPEN: readonly (readonly [number, number])[] = [[-Infinity, Infinity]];

interface TaskSpec {
  readonly id: number;
  readonly kind: TaskKind;
  readonly loc: number;
  readonly service: number;
  readonly windows: readonly (readonly [number, number])[];
  readonly startLoad: readonly number[];
  readonly delta: readonly number[];
  readonly skills: readonly number[];
  readonly priority: number;
  readonly preferred: readonly number[];
  readonly partner: number;
}

function taskSpecs(problem: RoutingProblem, index: (p: object) => number, dims: number): TaskSpec[] {
  const pad = (a: readonly number[]): number[] => Array.from({ length: dims }, (_, d) => a[d] ?? 0);
  const specs: TaskSpec[] = problem.jobs.map((j) => ({
    id: j.id,
    kind: TaskKind.job,
    loc: index(j),
    service: j.service,
    windows: j.timeWindows.length > 0 ? j.timeWindows : OPEN,
    startLoad: pad(j.delivery),
    delta: pad(j.pickup).map((p, d) => p - (pad(j.delivery)[d] ?? 0)),
    skills: j.skills,
    priority: j.priority,
    preferred: j.preferredVehicles,
    partner: -1,
  }));
  for (const s of problem.shipments) {
    const base = specs.length;
    const amount = pad(s.amount);
    const common = { skills: s.skills, priority: s.priority, preferred: s.preferredVehicles, startLoad: pad([]) };
    for (const [step, kind, sign, partner] of [
      [s.pickup, TaskKind.pickup, 1, base + 1],
      [s.delivery, TaskKind.delivery, -1, base],
    ] as const) {
      specs.push({
        ...common,
        id: step.id,
        kind,
        loc: index(step),
        service: step.service,
        windows: step.timeWindows.length > 0 ? step.timeWindows : OPEN,
        delta: amount.map((a) => sign * a),
        partner,
      });
    }
  }
  return specs;
}

/** Above this many tasks with coordinates, neighbours come from a grid instead of all pairs. */
export const GRID_NEIGHBOURS_FROM = 2000;

function neighboursOf(opts: {
  taskLoc: Int32Array;
  matrix: TravelMatrix | undefined;
  k: number;
  points: readonly Location[] | null;
  tick: (() => void) | undefined;
}): Int32Array {
  const { taskLoc, matrix, k, points, tick } = opts;
  if (!matrix || k === 0) return new Int32Array(0);
  if (points && taskLoc.length >= GRID_NEIGHBOURS_FROM) return gridNeighbours({ taskLoc, points, matrix, k, tick });
  return nearestNeighbours({ taskLoc, matrix, k });
}

/** Options of {@link compileProblem}. */
export interface CompileOptions {
  /** Size of each task's granular neighbourhood; default min(n − 1, 100), 40 on large instances. */
  readonly neighbourCount?: number;
  /** Called now and then during the long steps, so that a caller can report progress. */
  readonly tick?: () => void;
}

/** Validates a parsed problem and compiles it into the flat {@link Model} the search works on. */
export function compileProblem(problem: RoutingProblem, options: CompileOptions = {}): Model {
  const { dims } = validateProblem(problem);
  const table = buildLocationTable(problem);
  const tasks = taskSpecs(problem, (p) => table.index(p), dims);
  const vehicles = problem.vehicles;
  const n = tasks.length;
  const nv = vehicles.length;
  const vMatrix = vehicles.map((v) => table.matrixFor(v.profile));
  const vStart = Int32Array.from(vehicles, (v) => table.index({ location: v.start, locationIndex: v.startIndex }));
  const vEnd = Int32Array.from(vehicles, (v) => table.index({ location: v.end, locationIndex: v.endIndex }));

  const twOff = new Int32Array(n + 1);
  tasks.forEach((t, i) => (twOff[i + 1] = (twOff[i] ?? 0) + t.windows.length));
  const windows = tasks.flatMap((t) => t.windows);
  const flat = (f: (t: TaskSpec) => readonly number[]): Float64Array => Float64Array.from(tasks.flatMap(f));

  const vCostDist = Float64Array.from(vehicles, (v) => v.costs.perKm / 1000);
  const vCostDur = Float64Array.from(vehicles, (v) => v.costs.perHour / 3600);
  // An upper bound on any route's travel cost sizes the objective's lexicographic weights.
  let arcMax = 0;
  const m0 = vMatrix[0];
  if (m0) {
    const sample = [...new Set([...tasks.map((t) => t.loc), ...vStart, ...vEnd].filter((l) => l >= 0))];
    const step = Math.max(1, Math.floor(sample.length / 200));
    const stepB = Math.max(1, Math.floor(sample.length / 2000));
    // Longest sampled arc per distinct matrix, then weighted per vehicle.
    const longest = new Map<TravelMatrix, { dist: number; dur: number }>();
    for (const m of new Set(vMatrix)) {
      let dist = 0;
      let dur = 0;
      for (let a = 0; a < sample.length; a += step) {
        for (let b = 0; b < sample.length; b += stepB) {
          dist = Math.max(dist, m.distance(sample[a] ?? 0, sample[b] ?? 0));
          dur = Math.max(dur, m.duration(sample[a] ?? 0, sample[b] ?? 0));
        }
      }
      longest.set(m, { dist, dur });
    }
    vehicles.forEach((_, v) => {
      const l = longest.get(vMatrix[v] ?? m0) ?? { dist: 0, dur: 0 };
      arcMax = Math.max(arcMax, (vCostDist[v] ?? 0) * l.dist * 2 + (vCostDur[v] ?? 0) * l.dur * 2);
    });
  }
  const { objective, continuityCost, balanceWeight, maxTasksPerRoute } = problem.options;
  const routeUpper = (arcMax * 2 + 1) * (n + 2) + balanceWeight * ((arcMax * (n + 2)) ** 2) / 3600;
  const vehicleWeight = objective === 'vehicles' ? routeUpper : 0;
  const maxFixed = Math.max(0, ...vehicles.map((v) => v.costs.fixed));
  const unassignedBase = 2 * (routeUpper + vehicleWeight + maxFixed + continuityCost + 1);

  const compat = new Uint8Array(n * nv);
  const hasPref = continuityCost > 0 && tasks.some((t) => t.preferred.length > 0);
  const prefCost = hasPref ? new Float64Array(n * nv) : null;
  tasks.forEach((t, i) => {
    vehicles.forEach((v, k) => {
      compat[i * nv + k] = t.skills.every((s) => v.skills.includes(s)) ? 1 : 0;
      if (prefCost && t.preferred.length > 0 && !t.preferred.includes(v.id)) prefCost[i * nv + k] = continuityCost;
    });
  });
  const classKey = (v: (typeof vehicles)[number], k: number): string =>
    JSON.stringify([v.profile, vStart[k], vEnd[k], v.capacity, v.skills, v.timeWindow, v.breaks, v.maxTravelTime, v.maxDistance, v.maxTasks, v.costs]);
  const classes = new Map<string, number>();
  const vClass = Int32Array.from(vehicles, (v, k) => {
    const key = classKey(v, k);
    const c = classes.get(key) ?? classes.size;
    classes.set(key, c);
    return c;
  });

  const k = Math.max(0, Math.min(n - 1, options.neighbourCount ?? (n >= GRID_NEIGHBOURS_FROM ? 40 : 100)));
  const taskLoc = Int32Array.from(tasks, (t) => t.loc);
  const breaks: BreakSpec[][] = vehicles.map((v) =>
    v.breaks
      .map((b) => ({ id: b.id, windows: b.timeWindows, service: b.service }))
      .sort((a, b) => (a.windows[0]?.[0] ?? 0) - (b.windows[0]?.[0] ?? 0)),
  );
  return {
    nTasks: n,
    nVehicles: nv,
    dims,
    objective,
    taskLoc,
    taskService: Float64Array.from(tasks, (t) => t.service),
    twOff,
    twStart: Float64Array.from(windows, (w) => w[0]),
    twEnd: Float64Array.from(windows, (w) => w[1]),
    taskStartLoad: flat((t) => t.startLoad),
    taskDelta: flat((t) => t.delta),
    taskKind: Uint8Array.from(tasks, (t) => t.kind),
    taskPartner: Int32Array.from(tasks, (t) => t.partner),
    taskPriority: Float64Array.from(tasks, (t) => t.priority),
    taskId: Float64Array.from(tasks, (t) => t.id),
    taskPenalty: Float64Array.from(tasks, (t) => unassignedBase * (1 + t.priority)),
    compat,
    prefCost,
    vId: Float64Array.from(vehicles, (v) => v.id),
    vStart,
    vEnd,
    vCap: Float64Array.from(vehicles.flatMap((v) => v.capacity)),
    vTwStart: Float64Array.from(vehicles, (v) => v.timeWindow?.[0] ?? 0),
    vTwEnd: Float64Array.from(vehicles, (v) => v.timeWindow?.[1] ?? Infinity),
    vFixed: Float64Array.from(vehicles, (v) => v.costs.fixed + vehicleWeight),
    vCostDist,
    vCostDur,
    vMaxDist: Float64Array.from(vehicles, (v) => v.maxDistance ?? Infinity),
    vMaxTravel: Float64Array.from(vehicles, (v) => v.maxTravelTime ?? Infinity),
    vMaxTasks: Float64Array.from(vehicles, (v) => Math.min(v.maxTasks ?? Infinity, maxTasksPerRoute ?? Infinity)),
    vMatrix,
    vBreaks: breaks,
    vClass,
    balanceWeight,
    vehicleWeight,
    locations: table.points,
    neighbours: neighboursOf({ taskLoc, matrix: m0, k, points: table.points, tick: options.tick }),
    neighbourCount: k,
  };
}
