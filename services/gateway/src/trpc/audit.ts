import type { Context } from './context.js';
import { writeAudit } from '../audit/audit-log.js';

/**
 * Records that the caller read sensitive data about `subjectIds` (one row each). Call it after
 * the scope check and before returning: if the row cannot be written, nothing is returned.
 */
export async function auditRead(
  ctx: Pick<Context, 'deps' | 'actor' | 'meta'>,
  entry: { action: string; subjectType: string; subjectIds: readonly string[] },
): Promise<void> {
  if (!ctx.actor) throw new Error('auditRead needs a signed-in caller');
  await writeAudit(ctx.deps.db, {
    ...entry,
    actor: ctx.actor,
    ip: ctx.meta.ip,
    at: ctx.deps.now(),
  });
}
