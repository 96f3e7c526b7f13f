import type { TRPCRouterRecord } from '@trpc/server';

import {
  explainAllocation,
  listAllocationRuns,
  listAllocations,
  listKitchenCapacity,
  runAllocation,
  setKitchenCapacity,
} from '@anbu/contracts/rpc';

import { declare } from '../access.js';
import { callService } from '../call.js';
import { assertInScope } from '../scope.js';

/**
 * Matching: program managers and dispatchers run allocation and read allocations and runs;
 * a caseworker reads why a need of their own districts got what it got (the matching service
 * checks the need's district against the caller's); kitchens' capacity for managers, and for a
 * kitchen partner its own.
 */
export const matchingRouter = {
  run: declare('matching.run')
    .input(runAllocation.input)
    .mutation(({ ctx, input }) => callService(ctx, runAllocation, input)),

  explain: declare('matching.explain')
    .input(explainAllocation.input)
    .query(({ ctx, input }) => callService(ctx, explainAllocation, input)),

  allocations: declare('matching.allocations')
    .input(listAllocations.input)
    .query(({ ctx, input }) => callService(ctx, listAllocations, input)),

  runs: declare('matching.runs')
    .input(listAllocationRuns.input)
    .query(({ ctx, input }) => callService(ctx, listAllocationRuns, input)),

  kitchenCapacity: declare('matching.kitchenCapacity')
    .input(listKitchenCapacity.input)
    .query(({ ctx, input }) => {
      const { scope } = ctx;
      // A kitchen partner reads its own kitchen, whatever it asks for.
      const kitchenOrganisationId =
        scope.kind === 'organisation' ? scope.organisationId : input.kitchenOrganisationId;
      return callService(ctx, listKitchenCapacity, { ...input, kitchenOrganisationId });
    }),

  setKitchenCapacity: declare('matching.setKitchenCapacity')
    .input(setKitchenCapacity.input)
    .mutation(({ ctx, input }) => {
      for (const day of input.capacities) {
        assertInScope(ctx.scope, { organisationId: day.kitchenOrganisationId });
      }
      return callService(ctx, setKitchenCapacity, input);
    }),
} satisfies TRPCRouterRecord;
