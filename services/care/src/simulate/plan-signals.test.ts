import { describe, expect, it } from 'vitest';

import { decideSignal, DEFAULT_SIGNAL_POLICIES } from '../domain/signal-policy.js';
import { planSignals } from './plan-signals.js';

const households = Array.from({ length: 2_000 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  riskLevel: (['low', 'medium', 'high', 'critical'] as const)[i % 4] ?? 'low',
}));
const start = new Date('2026-11-25T00:00:00.000Z');

describe('planSignals', () => {
  it('should plan the same day for the same seed, sorted by time', () => {
    const a = planSignals({ households, seed: 's', start });
    expect(planSignals({ households, seed: 's', start })).toEqual(a);
    expect(a.map((s) => s.observedAt)).toEqual([...a.map((s) => s.observedAt)].sort());
    expect(planSignals({ households, seed: 't', start })).not.toEqual(a);
  });

  it('should mostly answer, and leave a few silent through all their AI-call retries', () => {
    const signals = planSignals({ households, seed: 'demo', start });
    const byHousehold = new Map<string, typeof signals>();
    for (const s of signals)
      byHousehold.set(s.householdId, [...(byHousehold.get(s.householdId) ?? []), s]);
    let silent = 0;
    let help = 0;
    for (const list of byHousehold.values()) {
      // Replay the AI-call policy: a silent household alerts on its 4th missed call.
      let episode: { misses: number; lastAt: Date } | undefined;
      for (const s of list) {
        const d = decideSignal({
          policy: DEFAULT_SIGNAL_POLICIES[s.source],
          episode,
          signal: { kind: s.kind, observedAt: new Date(s.observedAt) },
        });
        if (d.action === 'open') episode = { misses: 1, lastAt: new Date(s.observedAt) };
        if (d.action === 'retry') episode = { misses: d.misses, lastAt: new Date(s.observedAt) };
        if (d.action === 'alert' && s.kind === 'missed_call') silent++;
        if (d.action === 'alert' && s.kind === 'help_requested') help++;
      }
    }
    expect(byHousehold.size).toBe(households.length);
    expect(silent).toBeGreaterThan(10);
    expect(silent).toBeLessThan(households.length * 0.1);
    expect(help).toBeGreaterThan(0);
    expect(signals.filter((s) => s.kind === 'ok').length).toBeGreaterThan(households.length * 0.8);
  });
});
