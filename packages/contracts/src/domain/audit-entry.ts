import { z } from 'zod';

import { roleSchema } from '../core/actor.js';
import { actorRefSchema, dateTimeSchema, idSchema, shortText } from './common.js';

/** One audited action: who did what to which object, and which sensitive fields were read. */
export const auditEntrySchema = z.object({
  id: idSchema,
  at: dateTimeSchema,
  actor: actorRefSchema,
  role: roleSchema.optional(),
  organisationId: idSchema.optional(),
  /** The procedure or route, e.g. `households.get`. */
  action: shortText(100),
  resourceType: z.string().regex(/^[a-z_]{1,40}$/),
  resourceId: z.string().min(1).max(200).optional(),
  /** Sensitive fields returned to the caller. */
  fields: z.array(z.string().min(1).max(60)).max(50).default([]),
  outcome: z.enum(['allowed', 'denied', 'failed']),
  requestId: z.string().max(200).optional(),
  ip: z.union([z.ipv4(), z.ipv6()]).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
