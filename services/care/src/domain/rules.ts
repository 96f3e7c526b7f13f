import type { AlertSeverity, ObservationKind, StopStatus, WelfareChecklist } from '@anbu/contracts';

import { SEVERITY_RANK } from './alert.js';

/** How one earlier contact with a household went, for the "not home twice" rule. */
export type ContactOutcome = 'seen' | 'not_home' | 'unseen';

/** What a visit says: the carrier's checklist, the stop's status, or both. */
export interface VisitFacts {
  readonly checklist?: WelfareChecklist | undefined;
  readonly stopStatus?: StopStatus | undefined;
}

/** An observation the rules drew, before it is stored. */
export interface ObservationDraft {
  readonly kind: ObservationKind;
  /** Absent for facts that raise nothing on their own (`not_seen`, `all_well`). */
  readonly severity?: AlertSeverity;
}

/** What the rules decide to raise for one visit: one alert, at its most serious reason. */
export interface AlertDecision {
  readonly severity: AlertSeverity;
  readonly reason: string;
  /** Without personal details: it goes into notifications. */
  readonly summary: string;
  readonly kinds: readonly ObservationKind[];
}

/** The severity each observation kind raises on its own (undefined: none). */
export const OBSERVATION_SEVERITY: Readonly<Record<ObservationKind, AlertSeverity | undefined>> =
  Object.freeze({
    not_seen: undefined,
    all_well: undefined,
    low_mood: 'low',
    meals_skipped: 'medium',
    untouched_delivery: 'medium',
    missed_check_in: 'medium',
    no_activity: 'medium',
    illness_or_injury: 'high',
    unsafe_home: 'high',
    asked_for_help: 'high',
    not_home_repeatedly: 'high',
    distress: 'critical',
  });

/** Concerns at once that make a visit one level more serious than its worst concern. */
export const CONCERNS_TO_BUMP = 3;

const LABELS: Readonly<Record<ObservationKind, string>> = {
  not_seen: 'not seen',
  all_well: 'all well',
  low_mood: 'low mood',
  meals_skipped: 'meals skipped',
  untouched_delivery: 'earlier delivery untouched',
  missed_check_in: 'missed check-in',
  no_activity: 'no activity',
  illness_or_injury: 'illness or injury',
  unsafe_home: 'unsafe home',
  asked_for_help: 'asked for help',
  not_home_repeatedly: 'not home twice in a row',
  distress: 'in distress',
};

/** The rule names alerts carry (`alert.reason`); most are the observation kind itself. */
const REASONS: Partial<Record<ObservationKind, string>> = { not_home_repeatedly: 'not_home_twice' };

const BY_RANK: readonly AlertSeverity[] = ['low', 'medium', 'high', 'critical'];

/** How a visit went for the contact history: seen, not home, or left without seeing anyone. */
export function contactOutcome(facts: VisitFacts): ContactOutcome | undefined {
  if (facts.stopStatus === 'not_home') return 'not_home';
  if (facts.checklist) return facts.checklist.seenInPerson ? 'seen' : 'not_home';
  if (facts.stopStatus === 'delivered') return 'unseen';
  return undefined;
}

/**
 * The observations of one visit. `earlier` are the household's earlier contacts, newest
 * first: a second `not_home` in a row (ignoring deliveries left without seeing anyone) is a
 * missed check-in.
 * @example observe({ stopStatus: 'not_home' }, ['not_home']) // not_seen + not_home_repeatedly
 */
export function observe(facts: VisitFacts, earlier: readonly ContactOutcome[]): ObservationDraft[] {
  const kinds: ObservationKind[] = [];
  const outcome = contactOutcome(facts);
  if (outcome === 'not_home') {
    kinds.push('not_seen');
    const previous = earlier.find((o) => o !== 'unseen');
    if (previous === 'not_home') kinds.push('not_home_repeatedly');
  }
  const c = facts.checklist;
  if (c) {
    if (c.askedForHelp) kinds.push('asked_for_help');
    if (c.illnessOrInjury) kinds.push('illness_or_injury');
    if (c.mealsSkipped) kinds.push('meals_skipped');
    if (c.untouchedEarlierDeliveries) kinds.push('untouched_delivery');
    if (c.homeConditions === 'unsafe') kinds.push('unsafe_home');
    if (c.mood === 'distressed') kinds.push('distress');
    if (c.mood === 'low') kinds.push('low_mood');
  }
  if (outcome === 'seen' && kinds.every((k) => OBSERVATION_SEVERITY[k] === undefined)) {
    kinds.push('all_well');
  }
  return kinds.map((kind) => {
    const severity = OBSERVATION_SEVERITY[kind];
    return severity ? { kind, severity } : { kind };
  });
}

/**
 * The alert a set of observations raises, or undefined when none is a concern: the worst
 * concern's severity, one level up when {@link CONCERNS_TO_BUMP} concerns come together.
 */
export function decideAlert(observations: readonly ObservationDraft[]): AlertDecision | undefined {
  const concerns = observations
    .filter((o): o is Required<ObservationDraft> => o.severity !== undefined)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const worst = concerns[0];
  if (!worst) return undefined;
  let rank = SEVERITY_RANK[worst.severity];
  if (concerns.length >= CONCERNS_TO_BUMP) rank = Math.min(rank + 1, BY_RANK.length);
  const severity = BY_RANK[rank - 1] ?? worst.severity;
  const labels = concerns.map((o) => LABELS[o.kind]);
  return {
    severity,
    reason: REASONS[worst.kind] ?? worst.kind,
    summary: `Welfare check: ${labels.join(', ')}`,
    kinds: concerns.map((o) => o.kind),
  };
}
