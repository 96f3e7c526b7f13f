import { z } from 'zod';

import { defineRpc } from './rpc.js';
import { SERVICE_NAMES, serviceNameSchema } from './services.js';
import type { ServiceName } from './services.js';

/** What every service's `health` RPC answers. */
export const healthSchema = z.object({
  service: serviceNameSchema,
  status: z.enum(['ok', 'degraded']),
  instanceId: z.string(),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])),
});
export type Health = z.infer<typeof healthSchema>;

/** The health RPC of each service (`anbu.rpc.<service>.health`). */
export const healthRpc = Object.fromEntries(
  SERVICE_NAMES.map((service) => [
    service,
    defineRpc({ service, method: 'health', input: z.object({}), output: healthSchema }),
  ]),
) as Record<
  ServiceName,
  ReturnType<typeof defineRpc<z.ZodObject<Record<never, never>>, typeof healthSchema>>
>;
