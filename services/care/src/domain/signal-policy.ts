import type { AlertSeverity, ObservationKind, SignalKind, SignalSource } from '@anbu/contracts';

const MINUTE = 60_000;

/**
 * How a feed retries before its silence becomes an alert: a missed AI call is retried 3 times
 * 2–3 minutes apart; only when no `ok` has come by the time the last retry would have been
 * answered does care raise an alert.
 */
export interface SignalPolicy {
  /** Further attempts the feed makes after the first miss. */
  readonly retries: number;
  /** Attempts closer together than this are one attempt reported twice. */
  readonly minGapMs: number;
  /** The longest the feed waits between attempts. */
  readonly maxGapMs: number;
  /** Slack after the last attempt for its answer to arrive. */
  readonly graceMs: number;
  readonly severity: AlertSeverity;
}

/** The retry policy of each source. */
export const DEFAULT_SIGNAL_POLICIES: Readonly<Record<SignalSource, SignalPolicy>> = Object.freeze({
  ai_call: {
    retries: 3,
    minGapMs: 2 * MINUTE,
    maxGapMs: 3 * MINUTE,
    graceMs: MINUTE,
    severity: 'high',
  },
  phone_inactivity: {
    retries: 1,
    minGapMs: 30 * MINUTE,
    maxGapMs: 60 * MINUTE,
    graceMs: 10 * MINUTE,
    severity: 'medium',
  },
  smart_plug: {
    retries: 2,
    minGapMs: 30 * MINUTE,
    maxGapMs: 60 * MINUTE,
    graceMs: 10 * MINUTE,
    severity: 'medium',
  },
  iot_sensor: {
    retries: 2,
    minGapMs: 15 * MINUTE,
    maxGapMs: 30 * MINUTE,
    graceMs: 5 * MINUTE,
    severity: 'medium',
  },
  manual: { retries: 0, minGapMs: 0, maxGapMs: 0, graceMs: 0, severity: 'high' },
});

/**
 * How long caseworkers have to clear an alert raised from a signal (by phone, or an `ok` from a
 * feed) before care asks for a carrier's visit.
 */
export const CLEAR_BY_PHONE_MS: Readonly<Record<AlertSeverity, number>> = Object.freeze({
  critical: 30 * MINUTE,
  high: 60 * MINUTE,
  medium: 2 * 60 * MINUTE,
  low: 4 * 60 * MINUTE,
});

/** The open run of misses of one household from one source. */
export interface SignalEpisode {
  readonly misses: number;
  readonly lastAt: Date;
}

/** What to do with a signal. */
export type SignalDecision =
  /** The first miss: wait for the retries until `alertAt`. */
  | { readonly action: 'open'; readonly alertAt: Date }
  /** A retry missed too: wait until the new `alertAt`. */
  | { readonly action: 'retry'; readonly misses: number; readonly alertAt: Date }
  /** The same attempt reported again, or an older one: nothing changes. */
  | { readonly action: 'duplicate' }
  | { readonly action: 'alert'; readonly severity: AlertSeverity; readonly reason: string }
  /** Someone answered: the household's open episodes end. */
  | { readonly action: 'clear' };

/** The observation a signal kind stands for. */
export const SIGNAL_OBSERVATION: Readonly<Record<SignalKind, ObservationKind>> = Object.freeze({
  missed_call: 'missed_check_in',
  no_activity: 'no_activity',
  no_power_change: 'no_activity',
  help_requested: 'asked_for_help',
  ok: 'all_well',
});

const alertAt = (policy: SignalPolicy, from: Date, missesSoFar: number) =>
  new Date(
    from.getTime() +
      Math.max(0, policy.retries - (missesSoFar - 1)) * policy.maxGapMs +
      policy.graceMs,
  );

/**
 * Applies a source's retry policy to one signal. `ok` clears, `help_requested` alerts at once
 * (critical); a miss opens an episode, counts as a retry, or alerts once the retries are spent.
 * @example decideSignal({ policy: DEFAULT_SIGNAL_POLICIES.ai_call, signal: { kind: 'missed_call', observedAt } })
 */
export function decideSignal(options: {
  policy: SignalPolicy;
  episode?: SignalEpisode | undefined;
  signal: { kind: SignalKind; observedAt: Date };
}): SignalDecision {
  const { policy, episode, signal } = options;
  switch (signal.kind) {
    case 'ok':
      return { action: 'clear' };
    case 'help_requested':
      return { action: 'alert', severity: 'critical', reason: 'help_requested' };
    case 'missed_call':
    case 'no_activity':
    case 'no_power_change':
      break;
  }
  if (!episode) {
    if (policy.retries === 0)
      return { action: 'alert', severity: policy.severity, reason: signal.kind };
    return { action: 'open', alertAt: alertAt(policy, signal.observedAt, 1) };
  }
  if (signal.observedAt.getTime() - episode.lastAt.getTime() < policy.minGapMs) {
    return { action: 'duplicate' };
  }
  const misses = episode.misses + 1;
  if (misses > policy.retries)
    return { action: 'alert', severity: policy.severity, reason: signal.kind };
  return { action: 'retry', misses, alertAt: alertAt(policy, signal.observedAt, misses) };
}
