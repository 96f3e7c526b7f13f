import type { CheckInSignalInput, SignalSource } from '@anbu/contracts';

const MINUTE = 60_000;

/** A household the simulator watches, and how worried to be about it. */
export interface WatchedHousehold {
  readonly id: string;
  /** Higher risk means more misses and more calls for help. */
  readonly riskLevel: 'low' | 'medium' | 'high' | 'critical';
}

/** How a household's check-in goes in a simulated day. */
export const SCENARIOS = ['answers', 'answers_on_retry', 'silent', 'help', 'no_activity'] as const;
export type Scenario = (typeof SCENARIOS)[number];

const SOURCES: readonly SignalSource[] = [
  'ai_call',
  'phone_inactivity',
  'smart_plug',
  'iot_sensor',
];

/** Probability of each scenario, by risk (the rest answers at once). */
const ODDS: Readonly<
  Record<WatchedHousehold['riskLevel'], Readonly<Record<Exclude<Scenario, 'answers'>, number>>>
> = {
  low: { answers_on_retry: 0.05, silent: 0.01, help: 0.002, no_activity: 0.01 },
  medium: { answers_on_retry: 0.08, silent: 0.02, help: 0.005, no_activity: 0.02 },
  high: { answers_on_retry: 0.12, silent: 0.04, help: 0.01, no_activity: 0.03 },
  critical: { answers_on_retry: 0.15, silent: 0.06, help: 0.02, no_activity: 0.04 },
};

/** A small seeded generator (mulberry32): same seed, same day of signals. */
function seeded(seed: string): () => number {
  let state = 0;
  for (const ch of seed) state = (Math.imul(state ^ ch.charCodeAt(0), 2654435761) >>> 0) + 1;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(
  random: () => number,
  odds: Readonly<Record<Exclude<Scenario, 'answers'>, number>>,
): Scenario {
  let roll = random();
  for (const [scenario, p] of Object.entries(odds) as [Exclude<Scenario, 'answers'>, number][]) {
    if (roll < p) return scenario;
    roll -= p;
  }
  return 'answers';
}

/**
 * A day of check-in signals for the watched households, like the city's feeds would send
 * them: a daily AI call (missed calls retried 3 times 2–3 minutes apart, answered or not),
 * phone-inactivity, smart-plug and sensor alarms, and the odd call for help. Sorted by time.
 * @example planSignals({ households, seed: 'demo', start: new Date() })
 */
export function planSignals(options: {
  households: readonly WatchedHousehold[];
  seed: string;
  /** When the day's first calls go out. */
  start: Date;
  /** Spread of the first calls over the day (minutes). */
  spreadMinutes?: number;
}): CheckInSignalInput[] {
  const random = seeded(options.seed);
  const spread = (options.spreadMinutes ?? 120) * MINUTE;
  const signals: CheckInSignalInput[] = [];
  for (const household of options.households) {
    const scenario = pick(random, ODDS[household.riskLevel]);
    const source = SOURCES[Math.floor(random() * SOURCES.length)] ?? 'ai_call';
    let at = options.start.getTime() + Math.floor(random() * spread);
    const emit = (kind: CheckInSignalInput['kind'], s: SignalSource = source) =>
      signals.push({
        householdId: household.id,
        source: s,
        kind,
        observedAt: new Date(at).toISOString(),
        externalId: `sim-${options.seed}-${signals.length}`,
      });
    const retryGap = () => 2 * MINUTE + Math.floor(random() * MINUTE);
    switch (scenario) {
      case 'answers':
        emit('ok', 'ai_call');
        break;
      case 'answers_on_retry': {
        const misses = 1 + Math.floor(random() * 3);
        for (let i = 0; i < misses; i++) {
          emit('missed_call', 'ai_call');
          at += retryGap();
        }
        emit('ok', 'ai_call');
        break;
      }
      case 'silent':
        for (let i = 0; i < 4; i++) {
          emit('missed_call', 'ai_call');
          at += retryGap();
        }
        break;
      case 'help':
        emit('help_requested');
        break;
      case 'no_activity':
        emit(
          source === 'smart_plug' ? 'no_power_change' : 'no_activity',
          source === 'ai_call' ? 'phone_inactivity' : source,
        );
        break;
    }
  }
  return signals.sort((a, b) => a.observedAt.localeCompare(b.observedAt));
}
