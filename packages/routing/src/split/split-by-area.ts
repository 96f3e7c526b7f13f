import type { Location, RoutingProblem } from '@anbu/contracts/routing';

/** Options of {@link splitByArea}. */
export interface SplitOptions {
  /** Number of parts; each gets at least one vehicle. */
  readonly parts: number;
}

interface Item {
  readonly kind: 'job' | 'shipment';
  readonly index: number;
  readonly angle: number;
}

const angleOf = (p: Location, c: Location): number => Math.atan2(p[1] - c[1], p[0] - c[0]);

/**
 * Splits a large problem into `parts` angular sectors around the vehicles' mean start, each with
 * an equal share of stops (a shipment goes with its pickup) and vehicles shared out in proportion.
 * Needs coordinates (no matrix); parts can then be solved in parallel and their plans joined.
 */
export function splitByArea(problem: RoutingProblem, { parts }: SplitOptions): RoutingProblem[] {
  const k = Math.max(1, Math.min(parts, problem.vehicles.length));
  if (k === 1 || problem.matrices) return [problem];
  const starts = problem.vehicles.map((v) => v.start ?? v.end).filter((p): p is Location => p !== undefined);
  const all = [...starts, ...problem.jobs.flatMap((j) => (j.location ? [j.location] : []))];
  const centre: Location = [all.reduce((a, p) => a + p[0], 0) / all.length, all.reduce((a, p) => a + p[1], 0) / all.length];
  const items: Item[] = [
    ...problem.jobs.map((j, index) => ({ kind: 'job' as const, index, angle: angleOf(j.location ?? centre, centre) })),
    ...problem.shipments.map((s, index) => ({ kind: 'shipment' as const, index, angle: angleOf(s.pickup.location ?? centre, centre) })),
  ].sort((a, b) => a.angle - b.angle);
  // Rotate so the widest angular gap becomes the seam between the last and first sector.
  let seam = 0;
  let widest = -1;
  items.forEach((it, i) => {
    const next = items[(i + 1) % items.length];
    const gap = ((next?.angle ?? 0) - it.angle + 2 * Math.PI) % (2 * Math.PI);
    if (gap > widest) [widest, seam] = [gap, (i + 1) % items.length];
  });
  const ordered = [...items.slice(seam), ...items.slice(0, seam)];
  const chunks = Array.from({ length: k }, (_, p) => ordered.slice(Math.floor((p * ordered.length) / k), Math.floor(((p + 1) * ordered.length) / k)));
  const vehicles = [...problem.vehicles];
  return chunks.map((chunk, p) => {
    const from = Math.floor((p * vehicles.length) / k);
    const to = Math.floor(((p + 1) * vehicles.length) / k);
    return {
      ...problem,
      jobs: chunk.flatMap((it) => (it.kind === 'job' ? [problem.jobs[it.index]].filter((j) => j !== undefined) : [])),
      shipments: chunk.flatMap((it) => (it.kind === 'shipment' ? [problem.shipments[it.index]].filter((s) => s !== undefined) : [])),
      vehicles: vehicles.slice(from, Math.max(to, from + 1)),
    };
  });
}
