import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { SignalPolicy } from './signal-policy.js';
import { decideSignal, DEFAULT_SIGNAL_POLICIES } from './signal-policy.js';

const MINUTE = 60_000;
const start = new Date('2026-11-25T01:00:00.000Z');
const policies = fc.constantFrom(...Object.values(DEFAULT_SIGNAL_POLICIES));
const miss = fc.constantFrom<'missed_call' | 'no_activity' | 'no_power_change'>(
  'missed_call',
  'no_activity',
  'no_power_change',
);

/** Feeds `count` misses spaced by `gaps` (ms) and returns each decision. */
function run(policy: SignalPolicy, kind: 'missed_call' | 'no_activity', gaps: readonly number[]) {
  let episode: { misses: number; lastAt: Date } | undefined;
  let at = start;
  const decisions = [];
  for (const gap of [0, ...gaps]) {
    at = new Date(at.getTime() + gap);
    const decision = decideSignal({ policy, episode, signal: { kind, observedAt: at } });
    decisions.push(decision);
    if (decision.action === 'open') episode = { misses: 1, lastAt: at };
    if (decision.action === 'retry') episode = { misses: decision.misses, lastAt: at };
  }
  return decisions;
}

describe('decideSignal', () => {
  it('should alert a missed AI call when its 3rd retry, 2-3 minutes apart, is missed too', () => {
    const policy = DEFAULT_SIGNAL_POLICIES.ai_call;
    const actions = run(policy, 'missed_call', [2 * MINUTE, 3 * MINUTE, 150_000]).map(
      (d) => d.action,
    );
    expect(actions).toEqual(['open', 'retry', 'retry', 'alert']);
  });

  it('should count a repeat sooner than the minimum gap as the same attempt', () => {
    const actions = run(DEFAULT_SIGNAL_POLICIES.ai_call, 'missed_call', [30_000, 2 * MINUTE]);
    expect(actions.map((d) => d.action)).toEqual(['open', 'duplicate', 'retry']);
  });

  it('should alert after exactly `retries` further misses spaced within the policy', () => {
    fc.assert(
      fc.property(policies, fc.integer({ min: 0, max: 1_000 }), (policy, spread) => {
        const gap = policy.minGapMs + ((policy.maxGapMs - policy.minGapMs) * spread) / 1_000;
        const decisions = run(policy, 'no_activity', Array<number>(policy.retries).fill(gap));
        const alerts = decisions.filter((d) => d.action === 'alert');
        expect(alerts).toHaveLength(1);
        expect(decisions.at(-1)?.action).toBe('alert');
      }),
    );
  });

  it('should give the silence deadline after the signal, and never earlier with more misses', () => {
    fc.assert(
      fc.property(policies, miss, fc.integer({ min: 0, max: 5 }), (policy, kind, misses) => {
        const observedAt = start;
        const episode = misses
          ? { misses, lastAt: new Date(start.getTime() - policy.maxGapMs) }
          : undefined;
        const d = decideSignal({ policy, episode, signal: { kind, observedAt } });
        if (d.action === 'open' || d.action === 'retry') {
          expect(d.alertAt.getTime()).toBeGreaterThan(observedAt.getTime());
          expect(d.alertAt.getTime()).toBeLessThanOrEqual(
            observedAt.getTime() + policy.retries * policy.maxGapMs + policy.graceMs,
          );
        } else {
          expect(d.action).toBe('alert');
          expect(misses + 1).toBeGreaterThan(policy.retries);
        }
      }),
    );
  });

  it('should clear on ok and alert help at once, whatever the episode', () => {
    fc.assert(
      fc.property(policies, fc.option(fc.nat(5), { nil: undefined }), (policy, misses) => {
        const episode = misses === undefined ? undefined : { misses, lastAt: start };
        const observedAt = new Date(start.getTime() + MINUTE);
        expect(decideSignal({ policy, episode, signal: { kind: 'ok', observedAt } })).toEqual({
          action: 'clear',
        });
        expect(
          decideSignal({ policy, episode, signal: { kind: 'help_requested', observedAt } }),
        ).toEqual({ action: 'alert', severity: 'critical', reason: 'help_requested' });
      }),
    );
  });
});
