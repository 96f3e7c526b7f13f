import { describe, expect, it } from 'vitest';

import type { TimelineEntry } from '@anbu/contracts/rpc';

import { summaryParts } from './alert-summary.js';

const observation = (id: string, kind: string): TimelineEntry =>
  ({
    kind: 'observation',
    at: '2026-11-26T01:00:00Z',
    observation: { id, kind },
  }) as TimelineEntry;

describe('summaryParts', () => {
  const alert = {
    reason: 'asked_for_help',
    summary: 'Welfare check: asked for help, meals skipped',
    observationIds: ['o1', 'o2'],
  };

  it("should name the alert's own observations, each once, not the stored text", () => {
    const timeline = [
      observation('o1', 'asked_for_help'),
      observation('o2', 'meals_skipped'),
      observation('o3', 'distress'),
    ];
    expect(summaryParts(alert, timeline)).toEqual({
      kind: 'concerns',
      concerns: ['asked_for_help', 'meals_skipped'],
    });
  });

  it('should fall back to the rule, then to the stored text', () => {
    expect(summaryParts(alert, undefined)).toEqual({ kind: 'reason', reason: 'asked_for_help' });
    expect(summaryParts({ ...alert, reason: 'smart_plug_odd' }, [])).toEqual({
      kind: 'stored',
      text: alert.summary,
    });
  });
});
