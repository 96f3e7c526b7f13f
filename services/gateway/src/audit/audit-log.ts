import type { Kysely } from 'kysely';

import type { Actor } from '@anbu/contracts';

import type { GatewayTables } from '../db/schema.js';

/** One read (or export) of sensitive data: who, from where, what, about whom. */
export interface AuditEntry {
  readonly actor: Actor;
  readonly ip: string;
  /** The procedure or route, e.g. `households.get`. */
  readonly action: string;
  /** The kind of data subject, e.g. `household`. */
  readonly subjectType: string;
  readonly subjectIds: readonly string[];
  readonly at: Date;
  /** What an administrative change did (never personal data of the people served). */
  readonly detail?: string;
}

/**
 * Writes one audit row per data subject read. Called after the read succeeded and before the
 * data leaves the gateway: if the row cannot be written, the data is not returned.
 */
export async function writeAudit(db: Kysely<GatewayTables>, entry: AuditEntry): Promise<void> {
  if (entry.subjectIds.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entry.subjectIds.map((subjectId) => ({
        at: entry.at,
        actor_kind: entry.actor.kind,
        actor_id: entry.actor.id,
        role: entry.actor.role ?? null,
        ip: entry.ip.slice(0, 100),
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: subjectId,
        detail: entry.detail?.slice(0, 1000) ?? null,
      })),
    )
    .execute();
}
