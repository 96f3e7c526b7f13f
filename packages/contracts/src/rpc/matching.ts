import { z } from 'zod';

import { defineRpc } from '../core/rpc.js';
import {
  allocationReasonSchema,
  allocationRunSummarySchema,
  allocationSchema,
  allocationStatusSchema,
  unmetNeedSchema,
} from '../domain/allocation.js';
import {
  dateSchema,
  districtCodeSchema,
  idSchema,
  pageOf,
  pageRequestSchema,
} from '../domain/common.js';
import { kitchenCapacitySchema } from '../domain/kitchen-capacity.js';

const service = 'matching';

/**
 * Allocates stock to open needs (all districts, or some), emitting `allocation.made` and
 * `delivery.ordered`. `dryRun` computes and explains without committing anything.
 */
export const runAllocation = defineRpc({
  service,
  method: 'allocation.run',
  kind: 'mutation',
  input: z.object({
    districtCodes: z.array(districtCodeSchema).max(200).default([]),
    /** Only needs with a deadline on or before this day. */
    deadlineUntil: dateSchema.optional(),
    dryRun: z.boolean().default(false),
  }),
  output: z.object({
    summary: allocationRunSummarySchema,
    unmet: z.array(unmetNeedSchema).max(100_000),
  }),
});

/** Why a need got what it got (or nothing). */
export const explainAllocation = defineRpc({
  service,
  method: 'allocation.explain',
  input: z.object({ needId: idSchema }),
  output: z.object({
    needId: idSchema,
    allocations: z.array(allocationSchema).max(50),
    /** Why the rest of the need is unmet, if it is. */
    unmet: unmetNeedSchema.optional(),
    reasons: z.array(allocationReasonSchema).max(50),
  }),
});

/** Allocations, filtered. */
export const listAllocations = defineRpc({
  service,
  method: 'allocation.list',
  input: pageRequestSchema.extend({
    runId: idSchema.optional(),
    needId: idSchema.optional(),
    householdId: idSchema.optional(),
    lotId: idSchema.optional(),
    statuses: z.array(allocationStatusSchema).max(5).optional(),
  }),
  output: pageOf(allocationSchema),
});

/** Recent allocation runs and their figures. */
export const listAllocationRuns = defineRpc({
  service,
  method: 'run.list',
  input: pageRequestSchema,
  output: pageOf(allocationRunSummarySchema),
});

/** Sets a kitchen's cooking capacity for some days (replacing what was set for those days). */
export const setKitchenCapacity = defineRpc({
  service,
  method: 'kitchenCapacity.set',
  kind: 'mutation',
  input: z.object({
    capacities: z
      .array(kitchenCapacitySchema.omit({ allocated: true }))
      .min(1)
      .max(400),
  }),
  output: z.object({ items: z.array(kitchenCapacitySchema).max(400) }),
});

/** Kitchen capacity from `from` to `to`, with what is already allocated. */
export const listKitchenCapacity = defineRpc({
  service,
  method: 'kitchenCapacity.list',
  input: z.object({ from: dateSchema, to: dateSchema, kitchenOrganisationId: idSchema.optional() }),
  output: z.object({ items: z.array(kitchenCapacitySchema).max(5000) }),
});

/** Every RPC the matching service serves. */
export const MATCHING_RPCS = [
  runAllocation,
  explainAllocation,
  listAllocations,
  listAllocationRuns,
  setKitchenCapacity,
  listKitchenCapacity,
] as const;
