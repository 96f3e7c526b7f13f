import type { RpcContext } from '@anbu/bus';
import type { AllocationRunSummary, Coordinates, RpcInput, RpcOutput } from '@anbu/contracts';
import type { runAllocation } from '@anbu/contracts/rpc';
import { RpcError } from '@anbu/bus';
import { seoulDate } from '@anbu/contracts';
import { getMatchingProfiles, listDepots } from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { MatchingProfile } from '../domain/plan-inputs.js';
import type { MatchingDeps } from './deps.js';
import { planAllocation } from '../domain/plan-allocation.js';
import { isDuplicateRun, isRaceLost } from '../errors.js';
import { findRunResult } from '../repo/allocations.js';
import { readKitchenDays, readOpenNeeds, readStockLots } from '../repo/run-input.js';
import { commitRun } from '../repo/run-ledger.js';
import { MATCHING_ACTOR } from './deps.js';
import { runIdFor } from './run-id.js';

/** A run that lost a race to another run plans again from what is left, this many times. */
export const MAX_RUN_ATTEMPTS = 8;
const PROFILE_BATCH = 5_000;
const MAX_UNMET_REPORTED = 100_000;

async function profilesOf(deps: MatchingDeps, householdIds: readonly string[]) {
  const profiles = new Map<string, MatchingProfile>();
  const unique = [...new Set(householdIds)];
  for (let i = 0; i < unique.length; i += PROFILE_BATCH) {
    const batch = unique.slice(i, i + PROFILE_BATCH);
    const answer = await deps.bus.request(
      getMatchingProfiles,
      { householdIds: batch },
      { actor: MATCHING_ACTOR, timeoutMs: 30_000 },
    );
    for (const profile of answer.profiles) profiles.set(profile.householdId, profile);
  }
  return profiles;
}

async function depotLocations(deps: MatchingDeps): Promise<Map<string, Coordinates>> {
  const answer = await deps.bus.request(listDepots, {}, { actor: MATCHING_ACTOR });
  return new Map(answer.items.map((depot) => [depot.id, depot.location]));
}

/**
 * One attempt: reads the view, asks households and donations for profiles and depots (outside
 * any transaction), plans, and (unless a dry run) commits in one transaction.
 */
async function attempt(
  deps: MatchingDeps,
  input: RpcInput<typeof runAllocation>,
  runId: string,
): Promise<RpcOutput<typeof runAllocation>> {
  const startedAt = deps.now();
  const today = seoulDate(startedAt);
  const [needs, lots, kitchenDays] = await Promise.all([
    readOpenNeeds(deps.db, {
      today,
      districtCodes: input.districtCodes ?? [],
      deadlineUntil: input.deadlineUntil,
    }),
    readStockLots(deps.db, today),
    readKitchenDays(deps.db, today),
  ]);
  const [profiles, depots] = await Promise.all([
    needs.length === 0
      ? new Map<string, MatchingProfile>()
      : profilesOf(
          deps,
          needs.map((n) => n.householdId),
        ),
    depotLocations(deps),
  ]);
  const planStart = Date.now();
  const plan = planAllocation({ today, needs, lots, kitchenDays, profiles, depots });
  const planMs = Date.now() - planStart;
  const summary: AllocationRunSummary = {
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: deps.now().toISOString(),
    needsConsidered: plan.needsConsidered,
    lotsConsidered: plan.lotsConsidered,
    allocations: plan.allocations.length,
    unitsAllocated: plan.unitsAllocated,
    fillRate: plan.fillRate,
    fairnessSpread: plan.fairnessSpread,
    unitsExpiringUnallocated: plan.unitsExpiringUnallocated,
  };
  if (!input.dryRun) {
    const commitStart = Date.now();
    await transaction(deps.db, (trx) => commitRun(trx, { summary, plan, today }));
    deps.log.debug({ runId, planMs, commitMs: Date.now() - commitStart }, 'allocation run timing');
    deps.wake();
  }
  return { summary, unmet: plan.unmet.slice(0, MAX_UNMET_REPORTED) };
}

/**
 * `allocation.run`: plans and stores a run; when another run committed first (its CHECKs
 * refuse the sums), plans again from what is left, up to {@link MAX_RUN_ATTEMPTS} times.
 */
export async function runAllocationWithRetry(
  deps: MatchingDeps,
  input: RpcInput<typeof runAllocation>,
  context: RpcContext,
): Promise<RpcOutput<typeof runAllocation>> {
  const runId = runIdFor(context);
  const done = async () =>
    input.dryRun || context.idempotencyKey === undefined
      ? undefined
      : findRunResult(deps.db, runId);
  for (let n = 1; n <= MAX_RUN_ATTEMPTS; n++) {
    // A retried call (same caller and Idempotency-Key) answers what the first one did.
    const previous = await done();
    if (previous) return previous;
    try {
      const result = await attempt(deps, input, runId);
      deps.log.info(
        {
          runId: result.summary.runId,
          dryRun: input.dryRun,
          allocations: result.summary.allocations,
          units: result.summary.unitsAllocated,
          unmet: result.unmet.length,
          attempt: n,
        },
        'allocation run',
      );
      return result;
    } catch (error) {
      // The same call, sent twice at once, committed first under this run id.
      if (isDuplicateRun(error)) {
        const stored = await done();
        if (stored) return stored;
      }
      if (!isRaceLost(error)) throw error;
      deps.log.info({ attempt: n, err: error }, 'allocation run lost a race; planning again');
      // Let the winner's commit settle before reading again; a little jitter splits the herd.
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * n));
    }
  }
  throw new RpcError(
    'CONFLICT',
    `allocation lost ${String(MAX_RUN_ATTEMPTS)} races in a row; try again`,
  );
}
