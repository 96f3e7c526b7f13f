import type { Context } from './context.js';
import { writeAudit } from '../audit/audit-log.js';

/**
 * Records that the caller read sensitive data about `subjectIds` (one row each). Call it after
 * the scope check and before returning: if the row cannot be written, nothing is returned.
 */
export async function auditRead(
  ctx: Pick<Context, 'deps' | 'actor' | 'meta'>,
  entry: {
    action: string;
    subjectType: string;
    subjectIds: readonly string[];
    /** What an administrative change did ({@link auditChange}). */
    detail?: string;
  },
): Promise<void> {
  if (!ctx.actor) throw new Error('auditRead needs a signed-in caller');
  await writeAudit(ctx.deps.db, {
    ...entry,
    actor: ctx.actor,
    ip: ctx.meta.ip,
    at: ctx.deps.now(),
  });
}

/** Records an administrative change to a user's account or roles, saying what it did. */
export function auditChange(
  ctx: Pick<Context, 'deps' | 'actor' | 'meta'>,
  entry: { action: string; userId: string; detail: string },
): Promise<void> {
  return auditRead(ctx, {
    action: entry.action,
    subjectType: 'user',
    subjectIds: [entry.userId],
    detail: entry.detail,
  });
}
