import type { Alert, AlertSeverity, AlertStatus } from '@anbu/contracts';

/** Rank of each severity, most serious first. */
const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Rank of each status: escalated alerts first (nobody answered them), resolved last. */
const STATUS_RANK: Record<AlertStatus, number> = {
  escalated: 0,
  raised: 1,
  acknowledged: 2,
  resolved: 3,
};

/**
 * The caseworker's working order: open before resolved, then the most serious, then the
 * nearest acknowledgement deadline, then the oldest.
 */
export function sortAlerts<
  T extends Pick<Alert, 'status' | 'severity' | 'ackDeadline' | 'raisedAt'>,
>(alerts: readonly T[]): T[] {
  return [...alerts].sort(
    (a, b) =>
      Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Date.parse(a.ackDeadline) - Date.parse(b.ackDeadline) ||
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      Date.parse(a.raisedAt) - Date.parse(b.raisedAt),
  );
}

/** Time left before (or past) a deadline, in whole hours and minutes. */
export interface Countdown {
  readonly overdue: boolean;
  readonly hours: number;
  readonly minutes: number;
  /** Less than a quarter of an hour left, or overdue: shown in red. */
  readonly urgent: boolean;
}

/**
 * How long until `deadline` from `now` (both ms or ISO), rounded up to the minute while time
 * is left and down once overdue, so "0 minutes left" is never shown.
 */
export function countdown(deadline: string | number, now: number): Countdown {
  const ms = (typeof deadline === 'number' ? deadline : Date.parse(deadline)) - now;
  const overdue = ms <= 0;
  const total = overdue ? Math.floor(-ms / 60_000) : Math.max(1, Math.ceil(ms / 60_000));
  return {
    overdue,
    hours: Math.floor(total / 60),
    minutes: total % 60,
    urgent: overdue || ms < 15 * 60_000,
  };
}

/** Whether an alert may still be acknowledged (raised or escalated, not yet acknowledged). */
export function canAcknowledge(alert: Pick<Alert, 'status'>): boolean {
  return alert.status === 'raised' || alert.status === 'escalated';
}
