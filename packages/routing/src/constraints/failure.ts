import type { Violation } from '../problem/schedule.js';

/** Why a checker refused a move; 0 means it accepted. Numeric so the hot path allocates nothing. */
export const Failure = {
  none: 0,
  skill: 1,
  capacity: 2,
  timeWindow: 3,
  range: 4,
  maxDuration: 5,
  maxTasks: 6,
  precedence: 7,
} as const;
export type Failure = (typeof Failure)[keyof typeof Failure];

const NAMES: readonly (Violation | null)[] = [
  null,
  'skill',
  'capacity',
  'time_window',
  'range',
  'max_duration',
  'max_tasks',
  'precedence',
];

/** The machine-readable reason of a {@link Failure}. */
export function failureReason(f: Failure): Violation | null {
  return NAMES[f] ?? null;
}

/** The {@link Failure} of a reference-schedule {@link Violation}. */
export function failureOf(v: Violation | null): Failure {
  const i = NAMES.indexOf(v);
  return (i < 0 ? 0 : i) as Failure;
}
