import type { RpcRoute } from '@anbu/bus';
import type { AllocationReason } from '@anbu/contracts';
import { handle, RpcError } from '@anbu/bus';
import { allocationReasonSchema } from '@anbu/contracts';
import {
  explainAllocation,
  listAllocationRuns,
  listAllocations,
  listKitchenCapacity,
  runAllocation,
  setKitchenCapacity,
} from '@anbu/contracts/rpc';
import { transaction } from '@anbu/db';

import type { MatchingDeps } from './deps.js';
import { isRaceLost } from '../errors.js';
import { listAllocationRows, listRunRows } from '../repo/allocations.js';
import { findNeedView, findUnmetNeed } from '../repo/explanations.js';
import { listKitchenDays, upsertKitchenDay } from '../repo/kitchen-capacity.js';
import { requireExplainer, requireKitchen, requireReader, requireRunner } from './access.js';
import { runAllocationWithRetry } from './run-allocation.js';

/** The matching service's RPCs: allocation runs, explanations, lists, kitchen capacity. */
export function createRpc(deps: MatchingDeps): RpcRoute[] {
  const { db } = deps;
  return [
    handle(runAllocation, async (input, context) => {
      requireRunner(context.actor);
      return runAllocationWithRetry(deps, input, context);
    }),

    handle(explainAllocation, async ({ needId }, { actor }) => {
      const need = await findNeedView(db, needId);
      if (!need) {
        throw new RpcError('NOT_FOUND', `need ${needId} not found`, {
          issues: [{ path: 'needId', message: 'not found' }],
        });
      }
      requireExplainer(actor, need.districtCode);
      const [{ items: allocations }, unmet] = await Promise.all([
        listAllocationRows(db, { needId, limit: 50 }),
        findUnmetNeed(db, needId),
      ]);
      const reasons: AllocationReason[] = [];
      const seen = new Set<string>();
      for (const reason of [...allocations.flatMap((a) => a.reasons), ...(unmet?.reasons ?? [])]) {
        const key = `${reason.code}:${reason.message}`;
        if (!seen.has(key) && reasons.length < 50) {
          seen.add(key);
          reasons.push(allocationReasonSchema.parse(reason));
        }
      }
      return { needId, allocations, ...(unmet ? { unmet } : {}), reasons };
    }),

    handle(listAllocations, async (input, { actor }) => {
      requireReader(actor);
      return listAllocationRows(db, input);
    }),

    handle(listAllocationRuns, async (input, { actor }) => {
      requireReader(actor);
      return listRunRows(db, input);
    }),

    handle(setKitchenCapacity, async ({ capacities }, { actor }) => {
      requireKitchen(
        actor,
        capacities.map((c) => c.kitchenOrganisationId),
      );
      try {
        const items = await transaction(db, async (trx) => {
          const stored = [];
          for (const day of capacities) stored.push(await upsertKitchenDay(trx, day));
          return stored;
        });
        return { items };
      } catch (error) {
        if (!isRaceLost(error)) throw error;
        throw new RpcError(
          'UNPROCESSABLE',
          'a day would have fewer boxes than are already allocated',
          {
            cause: error,
            issues: [{ path: 'capacities', message: 'fewer boxes than allocated' }],
          },
        );
      }
    }),

    handle(listKitchenCapacity, async (input, { actor }) => {
      requireKitchen(actor, input.kitchenOrganisationId ? [input.kitchenOrganisationId] : []);
      if (actor.role === 'partner' && !input.kitchenOrganisationId) {
        throw new RpcError('FORBIDDEN', 'a partner reads its own kitchen only', {
          issues: [{ path: 'kitchenOrganisationId', message: 'required for a partner' }],
        });
      }
      return { items: await listKitchenDays(db, input) };
    }),
  ];
}
