import type { koCare } from '../../i18n/ko/care.js';

/** A rule name the app has words for. */
export type KnownReason = keyof (typeof koCare)['reasons'];

const KNOWN: ReadonlySet<string> = new Set<KnownReason>([
  'not_home_twice',
  'not_home_repeatedly',
  'help_requested',
  'asked_for_help',
  'meals_skipped',
  'illness_or_injury',
  'untouched_delivery',
  'unsafe_home',
  'low_mood',
  'distress',
  'missed_check_in',
  'no_activity',
  'not_seen',
]);

/** Whether the rule that raised an alert has a translated name. */
export function isKnownReason(reason: string): reason is KnownReason {
  return KNOWN.has(reason);
}
