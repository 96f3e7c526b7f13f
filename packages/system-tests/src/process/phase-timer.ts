/** Wall time spent per named phase of a run, to see where a long fault run goes. */
export interface PhaseTimer {
  /** Runs `work`, adding its wall time to `phase` (also when it throws). */
  time<T>(phase: string, work: () => Promise<T>): Promise<T>;
  /** `phase total-seconds/count` per phase, largest first, as one line. */
  summary(): string;
  /** Milliseconds spent in `phase` so far. */
  totalMs(phase: string): number;
}

/**
 * A {@link PhaseTimer}. Phases may overlap (a kill's recovery runs beside the flow), so the
 * totals need not add up to the run's wall time.
 *
 * @example
 *   const timer = createPhaseTimer();
 *   await timer.time('plan', () => planAndDeliver());
 *   console.info(timer.summary()); // "plan 12.3s/4 fileNeeds 8.1s/4"
 */
export function createPhaseTimer(): PhaseTimer {
  const phases = new Map<string, { ms: number; count: number }>();
  return {
    async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await work();
      } finally {
        const entry = phases.get(phase) ?? { ms: 0, count: 0 };
        entry.ms += performance.now() - started;
        entry.count += 1;
        phases.set(phase, entry);
      }
    },
    summary() {
      return [...phases]
        .sort(([, a], [, b]) => b.ms - a.ms)
        .map(([phase, { ms, count }]) => `${phase} ${(ms / 1000).toFixed(1)}s/${String(count)}`)
        .join(' ');
    },
    totalMs(phase) {
      return phases.get(phase)?.ms ?? 0;
    },
  };
}
