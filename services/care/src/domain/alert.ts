import type { Actor, Alert, AlertSeverity } from '@anbu/contracts';
import { DEFAULT_ACK_DEADLINE_MINUTES } from '@anbu/contracts';

/** Severity as a number, higher is more urgent (the order of alert queues). */
export const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = Object.freeze({
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
});

/**
 * A new alert: raised now, to be acknowledged within its severity's deadline.
 * @example newAlert({ id, householdId, districtCode, severity: 'high', reason: 'not_home_twice', summary, now })
 */
export function newAlert(options: {
  id: string;
  householdId: string;
  districtCode: string;
  severity: AlertSeverity;
  reason: string;
  summary: string;
  observationIds?: readonly string[];
  now: Date;
}): Alert {
  const deadline = new Date(
    options.now.getTime() + DEFAULT_ACK_DEADLINE_MINUTES[options.severity] * 60_000,
  );
  return {
    id: options.id,
    householdId: options.householdId,
    districtCode: options.districtCode,
    severity: options.severity,
    status: 'raised',
    reason: options.reason,
    summary: options.summary,
    observationIds: [...(options.observationIds ?? [])],
    raisedAt: options.now.toISOString(),
    ackDeadline: deadline.toISOString(),
    escalationLevel: 0,
  };
}

/** Whether the actor works alerts of the district (caseworkers their own; managers all). */
export function canWorkAlert(actor: Actor, districtCode: string): boolean {
  if (actor.kind === 'system' || actor.kind === 'service') return true;
  switch (actor.role) {
    case 'admin':
    case 'program_manager':
      return true;
    case 'caseworker':
      return actor.districtCodes.includes(districtCode);
    case 'auditor':
    case 'dispatcher':
    case 'partner':
    case 'carrier':
    case undefined:
      return false;
  }
}

/** Whether the actor may read alerts of the district (auditors read, but do not act). */
export function canReadAlert(actor: Actor, districtCode: string): boolean {
  return canWorkAlert(actor, districtCode) || actor.role === 'auditor';
}

/** Why an alert cannot move as asked, or undefined when it can. */
export function refuseAcknowledge(alert: Alert): string | undefined {
  if (alert.status === 'resolved') return 'the alert is resolved';
  if (alert.acknowledgedAt !== undefined) return 'the alert is acknowledged already';
  return undefined;
}

/** Why an alert cannot be resolved, or undefined when it can. */
export function refuseResolve(alert: Alert): string | undefined {
  return alert.status === 'resolved' ? 'the alert is resolved already' : undefined;
}

/** Escalation goes program manager (level 1), then admin (level 2), and stops there. */
export const ESCALATION_ROLES = ['program_manager', 'admin'] as const;
/** The highest escalation level. */
export const MAX_ESCALATION_LEVEL = ESCALATION_ROLES.length;

/** One escalation step of an alert. */
export interface Escalation {
  readonly level: number;
  readonly toRole: (typeof ESCALATION_ROLES)[number];
  /** The new deadline for the next level to acknowledge. */
  readonly ackDeadline: string;
}

/**
 * The next escalation of an alert nobody acknowledged by its deadline, or undefined when it
 * is not due (acknowledged, resolved, before its deadline, or at the top level already).
 */
export function nextEscalation(alert: Alert, now: Date): Escalation | undefined {
  if (alert.status === 'resolved' || alert.status === 'acknowledged') return undefined;
  if (alert.acknowledgedAt !== undefined) return undefined;
  if (Date.parse(alert.ackDeadline) > now.getTime()) return undefined;
  const toRole = ESCALATION_ROLES[alert.escalationLevel];
  if (!toRole) return undefined;
  const minutes = DEFAULT_ACK_DEADLINE_MINUTES[alert.severity];
  return {
    level: alert.escalationLevel + 1,
    toRole,
    ackDeadline: new Date(now.getTime() + minutes * 60_000).toISOString(),
  };
}
