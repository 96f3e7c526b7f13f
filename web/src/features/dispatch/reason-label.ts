import type { koPlanning } from '../../i18n/ko/planning.js';

/** An unassignment reason the app has words for. */
export type KnownReason = keyof (typeof koPlanning)['reasons'];

const KNOWN: ReadonlySet<string> = new Set<KnownReason>([
  'skill',
  'capacity',
  'time_window',
  'range',
  'max_duration',
  'max_tasks',
  'precedence',
  'no_vehicle',
  'no_location',
  'dispatcher',
  'not_supported',
]);

/** Whether an unassignment reason has a translated name. */
export function isKnownReason(reason: string): reason is KnownReason {
  return KNOWN.has(reason);
}
