// The one k6 entry of the load tests: the runner (tools/run.ts, `pnpm loadtest`) chooses the
// profile and scenarios with -e; run by hand against a seeded stack with e.g.
//   k6 run -e ANBU_BASE_URL=… -e ANBU_FIXTURES=/abs/fixtures.json -e ANBU_PROFILE=smoke scenarios/main.ts
import type { Options, Scenario } from 'k6/options';

import type { Session } from '../lib/trpc.ts';
import { clientAddress } from '../lib/clients.ts';
import { FIELD_HOLD, HOLD, PROFILE, RATE, SCENARIOS, SUMMARY_FILE } from '../lib/env.ts';
import { fixtures } from '../lib/fixtures.ts';
import { login, loginAll } from '../lib/trpc.ts';
import { PEAK, SMOKE } from '../thresholds.ts';
import { dispatcherPoll, stopUpdate, visitReport } from './field-traffic.ts';
import { planDistrict } from './peak-planning.ts';
import { portalRead, surgeDonation, surgeNeed } from './surge-intake.ts';

type Group = 'donation' | 'need' | 'stop' | 'visit' | 'poll' | 'portal' | 'planning';

/** Which request groups each named scenario drives. */
const NAMED: Record<string, readonly Group[]> = {
  'surge-intake': ['donation', 'need'],
  'field-traffic': ['stop', 'visit', 'poll'],
  'peak-planning': ['planning'],
  'mixed-peak': ['donation', 'need', 'stop', 'visit', 'poll', 'portal', 'planning'],
};

/** Groups the runner found the stack ready for (e.g. no published routes: no stop updates). */
const READY = new Set((__ENV['ANBU_READY'] ?? 'donation,portal').split(','));

/** Requests per second of each group, per profile. */
const RATES: Record<string, Record<Group, number>> = {
  smoke: { donation: 5, need: 1, stop: 2, visit: 1, poll: 0.5, portal: 1, planning: 0 },
  // 10,000 stop updates a minute is 167/s; donations ramp to 500/s (the targets).
  peak: { donation: 500, need: 20, stop: 167, visit: 50, poll: 2, portal: 20, planning: 0 },
  capacity: {
    planning: 0,
    donation: RATE,
    need: Math.max(1, RATE / 25),
    stop: RATE,
    // Visit reports at the peak profile's share of stop updates (50 : 167).
    visit: Math.max(1, Math.round((RATE * 50) / 167)),
    poll: 1,
    portal: RATE,
  },
};

const DURATION: Record<string, string> = { smoke: '30s', peak: '210s', capacity: HOLD };

/** Field traffic in the peak profile lasts as long as the stops of today do (each sent once). */
const FIELD_GROUPS: readonly Group[] = ['stop', 'visit'];

function vus(rate: number) {
  return {
    preAllocatedVUs: Math.max(2, Math.ceil(rate * 0.1)),
    maxVUs: Math.min(800, Math.max(10, Math.ceil(rate * 1.5))),
  };
}

function scenarioOf(group: Group): Scenario {
  const rate = RATES[PROFILE]?.[group] ?? 1;
  const exec = `${group}Exec`;
  if (group === 'planning') {
    // Every district's run at once: one VU per district, one iteration each.
    const districts = Math.max(1, Number(__ENV['ANBU_PLANNING_DISTRICTS'] ?? '1'));
    return {
      executor: 'shared-iterations',
      exec,
      vus: districts,
      iterations: districts,
      maxDuration: '8m',
    };
  }
  if (PROFILE === 'peak' && group === 'donation') {
    return {
      executor: 'ramping-arrival-rate',
      exec,
      startRate: 20,
      timeUnit: '1s',
      stages: [
        { target: 100, duration: '30s' },
        { target: 300, duration: '60s' },
        { target: rate, duration: '60s' },
        { target: rate, duration: '60s' },
      ],
      ...vus(rate),
    };
  }
  // Rates below one a second: one request per 1/rate seconds.
  const timeUnit = rate >= 1 ? '1s' : `${Math.round(1 / rate)}s`;
  return {
    executor: 'constant-arrival-rate',
    exec,
    rate: Math.max(1, Math.round(rate)),
    timeUnit,
    duration:
      PROFILE === 'peak' && FIELD_HOLD !== '' && FIELD_GROUPS.includes(group)
        ? FIELD_HOLD
        : (DURATION[PROFILE] ?? '30s'),
    ...vus(rate),
  };
}

function groups(): Group[] {
  const named =
    SCENARIOS.length > 0 ? SCENARIOS : [PROFILE === 'capacity' ? 'capacity' : 'mixed-peak'];
  const wanted = new Set<Group>(
    named.flatMap((n) => (n === 'capacity' ? ['donation' as const] : (NAMED[n] ?? []))),
  );
  return [...wanted].filter((g) => READY.has(g));
}

const selected = groups();
const bars = PROFILE === 'smoke' ? SMOKE : PEAK;

export const options: Options = {
  scenarios: Object.fromEntries(selected.map((g) => [g, scenarioOf(g)])),
  thresholds: Object.assign(
    {},
    bars.errors,
    ...selected.map((g) => bars[g]),
  ) as Options['thresholds'],
  // Only the rates matter; the response bodies are parsed where checks need them.
  discardResponseBodies: false,
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
  // Signing in every carrier (argon2 at the gateway).
  setupTimeout: '300s',
};

interface SetupData {
  readonly caseworkers: Session[];
  readonly dispatcher: Session | null;
  /** A session per fixtures carrier, in order (null where refused). */
  readonly carriers: (Session | null)[];
}

/** Signs every user in once (addresses beyond the partners'). */
export function setup(): SetupData {
  const f = fixtures();
  let address = 60_000;
  const caseworkers = selected.includes('need')
    ? f.caseworkers.flatMap((u) => login(u, clientAddress((address += 1))) ?? [])
    : [];
  const dispatcher =
    selected.includes('poll') || selected.includes('planning')
      ? login(f.dispatcher, clientAddress((address += 1)))
      : null;
  const first = address;
  const carriers =
    selected.includes('stop') || selected.includes('visit')
      ? loginAll(f.carriers, (i) => clientAddress(first + 1 + i))
      : [];
  return { caseworkers, dispatcher, carriers };
}

export function donationExec(): void {
  surgeDonation();
}
export function needExec(data: SetupData): void {
  surgeNeed(data.caseworkers);
}
export function stopExec(data: SetupData): void {
  stopUpdate(data.carriers);
}
export function visitExec(data: SetupData): void {
  visitReport(data.carriers);
}
export function pollExec(data: SetupData): void {
  dispatcherPoll(data.dispatcher);
}
export function portalExec(): void {
  portalRead();
}
export function planningExec(data: SetupData): void {
  planDistrict(data.dispatcher);
}

/** The JSON summary for the runner's report, and a short line on stdout. */
export function handleSummary(data: { metrics: Record<string, unknown> }): Record<string, string> {
  const out: Record<string, string> = {
    stdout: `k6 ${PROFILE}: scenarios ${selected.join(', ') || '(none)'}; summary ${SUMMARY_FILE || 'not written'}\n`,
  };
  if (SUMMARY_FILE !== '') out[SUMMARY_FILE] = JSON.stringify(data);
  return out;
}
