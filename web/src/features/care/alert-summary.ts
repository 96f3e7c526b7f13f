import type { Alert } from '@anbu/contracts';
import type { TimelineEntry } from '@anbu/contracts/rpc';

import type { KnownReason } from './alert-reason.js';
import { isKnownReason } from './alert-reason.js';

/** What an alert summary is made of: the observation kinds behind it, or its rule alone. */
export type SummaryParts =
  | { readonly kind: 'concerns'; readonly concerns: readonly KnownReason[] }
  | { readonly kind: 'reason'; readonly reason: KnownReason }
  | { readonly kind: 'stored'; readonly text: string };

/**
 * The parts of an alert's summary in codes, not in the language care wrote it in: the kinds of
 * the observations it was raised from (found in the household's timeline), else its rule, and
 * the stored text only when the app has no words for either.
 */
export function summaryParts(
  alert: Pick<Alert, 'reason' | 'summary' | 'observationIds'>,
  timeline: readonly TimelineEntry[] | undefined,
): SummaryParts {
  const ids = new Set(alert.observationIds);
  const concerns: KnownReason[] = [];
  for (const entry of timeline ?? []) {
    if (entry.kind !== 'observation' || !ids.has(entry.observation.id)) continue;
    const { kind } = entry.observation;
    if (isKnownReason(kind) && !concerns.includes(kind)) concerns.push(kind);
  }
  if (concerns.length > 0) return { kind: 'concerns', concerns };
  if (isKnownReason(alert.reason)) return { kind: 'reason', reason: alert.reason };
  return { kind: 'stored', text: alert.summary };
}
