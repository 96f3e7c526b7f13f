import type { RoutingSolution } from '@anbu/contracts/routing';

/** Joins the plans of disjoint parts of a problem (see `splitByArea`) into one. */
export function mergeSolutions(parts: readonly RoutingSolution[]): RoutingSolution {
  const sum = (f: (s: RoutingSolution) => number): number => parts.reduce((a, s) => a + f(s), 0);
  return {
    routes: parts.flatMap((s) => s.routes),
    unassigned: parts.flatMap((s) => s.unassigned),
    summary: {
      cost: sum((s) => s.summary.cost),
      vehicles: sum((s) => s.summary.vehicles),
      unassigned: sum((s) => s.summary.unassigned),
      distance: sum((s) => s.summary.distance),
      duration: sum((s) => s.summary.duration),
      service: sum((s) => s.summary.service),
      waiting: sum((s) => s.summary.waiting),
      iterations: sum((s) => s.summary.iterations),
      computingTimeMs: Math.max(0, ...parts.map((s) => s.summary.computingTimeMs)),
    },
  };
}
