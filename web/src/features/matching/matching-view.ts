import type { inferRouterOutputs } from '@trpc/server';

import type { AllocationReason } from '@anbu/contracts';
import type { AppRouter } from '@anbu/gateway';

type Outputs = inferRouterOutputs<AppRouter>['matching'];
/** One allocation as `matching.allocations` gives it. */
export type AllocationView = Outputs['allocations']['items'][number];
/** A need the run left (partly) unmet. */
export type UnmetView = Outputs['run']['unmet'][number];

/** The allocations of one need in a run, with every reason given once. */
export interface MatchedNeed {
  readonly needId: string;
  readonly householdId: string;
  readonly quantity: number;
  readonly sources: readonly AllocationView['source'][];
  readonly reasons: readonly AllocationReason['code'][];
}

/** Reason codes in the order given, each once. */
export function reasonCodes(reasons: readonly AllocationReason[]): AllocationReason['code'][] {
  return [...new Set(reasons.map((reason) => reason.code))];
}

/** A run's allocations grouped by need (first allocated first), for "why was it matched". */
export function groupByNeed(allocations: readonly AllocationView[]): MatchedNeed[] {
  const byNeed = new Map<string, AllocationView[]>();
  for (const allocation of allocations) {
    byNeed.set(allocation.needId, [...(byNeed.get(allocation.needId) ?? []), allocation]);
  }
  return [...byNeed.entries()].map(([needId, group]) => ({
    needId,
    householdId: group[0]?.householdId ?? '',
    quantity: group.reduce((sum, allocation) => sum + allocation.quantity, 0),
    sources: group.map((allocation) => allocation.source),
    reasons: reasonCodes(group.flatMap((allocation) => allocation.reasons)),
  }));
}

/** The last four characters of an id, for people to tell rows apart without reading uuids. */
export const shortRef = (id: string) => id.slice(-4);
