import type { TRPCRouterRecord } from '@trpc/server';

import { checkServices } from '../../health/check-services.js';
import { declare } from '../access.js';

/** Operational views for staff. */
export const systemRouter = {
  /** Every service's health, as `/healthz` sees it. */
  health: declare('system.health').query(({ ctx }) =>
    checkServices({ bus: ctx.deps.bus, timeoutMs: ctx.deps.healthTimeoutMs }),
  ),
} satisfies TRPCRouterRecord;
