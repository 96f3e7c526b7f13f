import type { TRPCRouterRecord } from '@trpc/server';

import { districtCodeSchema } from '@anbu/contracts';
import { getHousehold, listHouseholds } from '@anbu/contracts/rpc';

import { declare } from '../access.js';
import { auditRead } from '../audit.js';
import { callService } from '../call.js';
import { assertInScope, inScope, narrowDistricts } from '../scope.js';

// Districts are optional here: a caseworker's own districts are the default.
const listInput = listHouseholds.input.extend({
  districtCodes: districtCodeSchema.array().max(200).optional(),
});

/** Households: lists without personal data, one household with it (audited). */
export const householdsRouter = {
  list: declare('households.list')
    .input(listInput)
    .query(async ({ ctx, input }) => {
      const districtCodes = narrowDistricts(ctx.scope, input.districtCodes);
      if (districtCodes.length === 0) return { items: [] };
      const page = await callService(ctx, listHouseholds, { ...input, districtCodes });
      // The service filters too; this keeps a service bug from becoming a leak.
      const items = page.items.filter((h) =>
        inScope(ctx.scope, { districtCode: h.districtCode, organisationId: h.organisationId }),
      );
      return { ...page, items };
    }),

  get: declare('households.get')
    .input(getHousehold.input)
    .query(async ({ ctx, input }) => {
      const household = await callService(ctx, getHousehold, input);
      assertInScope(ctx.scope, {
        districtCode: household.districtCode,
        organisationId: household.organisationId,
      });
      await auditRead(ctx, {
        action: 'households.get',
        subjectType: 'household',
        subjectIds: [household.id],
      });
      return household;
    }),
} satisfies TRPCRouterRecord;
