import type { RoutingProblem, TimeWindow } from '@anbu/contracts/routing';

import { InvalidProblemError } from '../errors.js';

function checkWindows(path: string, windows: readonly TimeWindow[]): void {
  windows.forEach(([start, end], k) => {
    if (end < start) {
      throw new InvalidProblemError(`${path}[${k}]`, `end ${end} is before start ${start}`);
    }
    const prev = windows[k - 1];
    if (prev && start < prev[1]) {
      throw new InvalidProblemError(`${path}[${k}]`, `overlaps or precedes the window before it`);
    }
  });
}

function checkAmount(path: string, amount: readonly number[], dims: number): void {
  if (amount.length !== 0 && amount.length !== dims) {
    throw new InvalidProblemError(path, `has ${amount.length} dimensions, vehicles have ${dims}`);
  }
}

function checkPlace(path: string, place: { location?: unknown; locationIndex?: number }, size: number | null): void {
  if (size === null) {
    if (place.location === undefined) {
      throw new InvalidProblemError(`${path}.location`, 'is required when no matrix is given');
    }
    return;
  }
  if (place.locationIndex === undefined) {
    throw new InvalidProblemError(`${path}.locationIndex`, 'is required when matrices are given');
  }
  if (place.locationIndex >= size) {
    throw new InvalidProblemError(`${path}.locationIndex`, `${place.locationIndex} is outside the ${size}×${size} matrix`);
  }
}

function checkUnique(ids: readonly { path: string; id: number }[], what: string): void {
  const seen = new Set<number>();
  for (const { path, id } of ids) {
    if (seen.has(id)) throw new InvalidProblemError(path, `duplicate ${what} id ${id}`);
    seen.add(id);
  }
}

/** Returns the side of the (first) matrix after checking every matrix is square and equal-sized. */
function checkMatrices(problem: RoutingProblem): number | null {
  const matrices = problem.matrices;
  if (!matrices) return null;
  let size: number | null = null;
  for (const [profile, matrix] of Object.entries(matrices)) {
    const n = matrix.durations.length;
    size ??= n;
    if (n !== size) throw new InvalidProblemError(`matrices.${profile}.durations`, `has ${n} rows, expected ${size}`);
    for (const [name, rows] of [['durations', matrix.durations], ['distances', matrix.distances]] as const) {
      if (!rows) continue;
      if (rows.length !== n) throw new InvalidProblemError(`matrices.${profile}.${name}`, `has ${rows.length} rows, expected ${n}`);
      rows.forEach((row, i) => {
        if (row.length !== n) {
          throw new InvalidProblemError(`matrices.${profile}.${name}[${i}]`, `has ${row.length} columns, expected ${n}`);
        }
      });
    }
  }
  for (const [i, v] of problem.vehicles.entries()) {
    if (!(v.profile in matrices)) {
      throw new InvalidProblemError(`vehicles[${i}].profile`, `no matrix for profile '${v.profile}'`);
    }
  }
  return size;
}

/**
 * Checks what the schema cannot: window order, amount dimensions, locations against the matrix,
 * unique ids. Throws {@link InvalidProblemError} naming the field; returns the capacity dimensions.
 */
export function validateProblem(problem: RoutingProblem): { dims: number; matrixSize: number | null } {
  const dims = Math.max(0, ...problem.vehicles.map((v) => v.capacity.length));
  const size = checkMatrices(problem);
  problem.vehicles.forEach((v, i) => {
    const path = `vehicles[${i}]`;
    checkAmount(`${path}.capacity`, v.capacity, dims);
    if (v.capacity.length !== dims) {
      throw new InvalidProblemError(`${path}.capacity`, `has ${v.capacity.length} dimensions, other vehicles have ${dims}`);
    }
    if (v.timeWindow && v.timeWindow[1] < v.timeWindow[0]) {
      throw new InvalidProblemError(`${path}.timeWindow`, `end ${v.timeWindow[1]} is before start ${v.timeWindow[0]}`);
    }
    v.breaks.forEach((b, k) => checkWindows(`${path}.breaks[${k}].timeWindows`, b.timeWindows));
    if (size !== null) {
      if (v.startIndex !== undefined && v.startIndex >= size) checkPlace(`${path}.start`, { locationIndex: v.startIndex }, size);
      if (v.endIndex !== undefined && v.endIndex >= size) checkPlace(`${path}.end`, { locationIndex: v.endIndex }, size);
    }
  });
  problem.jobs.forEach((job, i) => {
    const path = `jobs[${i}]`;
    checkPlace(path, job, size);
    checkWindows(`${path}.timeWindows`, job.timeWindows);
    checkAmount(`${path}.delivery`, job.delivery, dims);
    checkAmount(`${path}.pickup`, job.pickup, dims);
  });
  problem.shipments.forEach((s, i) => {
    const path = `shipments[${i}]`;
    checkPlace(`${path}.pickup`, s.pickup, size);
    checkPlace(`${path}.delivery`, s.delivery, size);
    checkWindows(`${path}.pickup.timeWindows`, s.pickup.timeWindows);
    checkWindows(`${path}.delivery.timeWindows`, s.delivery.timeWindows);
    checkAmount(`${path}.amount`, s.amount, dims);
  });
  checkUnique(problem.jobs.map((j, i) => ({ path: `jobs[${i}].id`, id: j.id })), 'job');
  checkUnique(
    problem.shipments.flatMap((s, i) => [
      { path: `shipments[${i}].pickup.id`, id: s.pickup.id },
      { path: `shipments[${i}].delivery.id`, id: s.delivery.id },
    ]),
    'shipment step',
  );
  checkUnique(problem.vehicles.map((v, i) => ({ path: `vehicles[${i}].id`, id: v.id })), 'vehicle');
  return { dims, matrixSize: size };
}
