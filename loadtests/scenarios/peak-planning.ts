// Peak planning: a dispatcher plans the peak day district by district, all districts in
// parallel; every run must finish within the deadline, and every order of the district must be
// either on a route or unassigned with a reason.
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';

import type { Session } from '../lib/trpc.ts';
import { PLANNING_RUNS, PLANNING_WORKERS, RUN_ID } from '../lib/env.ts';
import { noteFailure } from '../lib/failures.ts';
import { fixtures } from '../lib/fixtures.ts';
import { data, mutation, query } from '../lib/trpc.ts';

/** Seconds from starting a district's planning run to its end. */
const planningSeconds = new Trend('planning_run_seconds');
/** Orders of the day on a route, and left unassigned (each with a reason). */
const routedOrders = new Counter('planning_orders_routed');
const unassignedOrders = new Counter('planning_orders_unassigned');

/** The deadline of the whole peak day's planning (the 5 minutes). */
export const PLANNING_DEADLINE_SECONDS = 300;
/** Held back from the deadline for starting the runs (gathering each district's problem). */
const START_RESERVE_SECONDS = Number(__ENV['ANBU_PLANNING_RESERVE_S'] ?? '30');
/**
 * Per run, beyond its solver limit: the solver thread, compiling the problem, its construction
 * (never cut short), storing the plan. Grows with the district's size (`--planning-overhead`).
 */
const RUN_OVERHEAD_SECONDS = Number(__ENV['ANBU_PLANNING_OVERHEAD_S'] ?? '4');

/**
 * The solver's time limit per district run, so that every district ends within the day's
 * deadline: the runs go in waves of `workers` (the planning workers of all dispatch replicas),
 * and each wave gets an equal share of what is left after starting them. The solver keeps its
 * first complete solution whatever the limit, so a short limit costs quality, never a plan.
 */
export function districtTimeLimit(options: {
  deadlineSeconds: number;
  runs: number;
  workers: number;
}): number {
  const waves = Math.ceil(options.runs / Math.max(1, options.workers));
  const perWave = (options.deadlineSeconds - START_RESERVE_SECONDS) / waves;
  return Math.min(3600, Math.max(1, Math.floor(perWave - RUN_OVERHEAD_SECONDS)));
}

/** How long `dispatch.planningStart` is retried when the gateway answers 5xx. */
const START_RETRY_SECONDS = 120;

const TIME_LIMIT_SECONDS = districtTimeLimit({
  deadlineSeconds: PLANNING_DEADLINE_SECONDS,
  runs: PLANNING_RUNS,
  workers: PLANNING_WORKERS,
});

interface Run {
  id: string;
  status: string;
  planId?: string;
}
interface Plan {
  routes: { stops: { orderId: string }[] }[];
  unassigned: { orderId: string; reason: string }[];
}

/** Plans one district (the scenario's iteration picks which) and checks the outcome. */
export function planDistrict(dispatcher: Session | null): void {
  const day = fixtures().planning;
  const district = day.districts[exec.scenario.iterationInTest];
  if (!dispatcher || !district) return;
  const started = Date.now();
  // Starting stores the run queued and answers at once (the runner gathers the problem). A 5xx
  // (the gateway gave up waiting) is retried with the same idempotency key, which answers the
  // run the first attempt created, never a second one.
  const call = {
    path: 'dispatch.planningStart',
    input: { date: day.date, districtCodes: [district.code], timeLimitSeconds: TIME_LIMIT_SECONDS },
    idempotencyKey: `peak-${RUN_ID}-${district.code}`,
  };
  let start = mutation(dispatcher, call);
  while (start.status >= 500 && Date.now() - started < START_RETRY_SECONDS * 1000) {
    noteFailure('planning', start);
    sleep(2);
    start = mutation(dispatcher, call);
  }
  let run = data<Run>(start);
  if (!run) {
    noteFailure('planning', start);
    check(start, { 'planning run started': () => false });
    return;
  }
  while (
    (run.status === 'queued' || run.status === 'running') &&
    Date.now() - started < PLANNING_DEADLINE_SECONDS * 1000
  ) {
    sleep(2);
    run = data<Run>(query(dispatcher, 'dispatch.planningGet', { runId: run.id })) ?? run;
  }
  planningSeconds.add((Date.now() - started) / 1000);
  const succeeded = run.status === 'succeeded' && run.planId !== undefined;
  check(run, { 'planning run succeeded within the deadline': () => succeeded });
  if (!succeeded || !run.planId) return;
  const plan = data<Plan>(query(dispatcher, 'dispatch.plan', { planId: run.planId }));
  const routed = (plan?.routes ?? []).reduce((a, r) => a + r.stops.length, 0);
  const unassigned = plan?.unassigned ?? [];
  routedOrders.add(routed);
  unassignedOrders.add(unassigned.length);
  const reasons: Record<string, number> = {};
  for (const u of unassigned) reasons[u.reason || 'none'] = (reasons[u.reason || 'none'] ?? 0) + 1;
  // One line per district for the runner's report (routed, unassigned by reason, time).
  console.log(
    `PLANNED ${district.code} orders ${district.orders} routed ${routed} unassigned ${unassigned.length} limit ${TIME_LIMIT_SECONDS} seconds ${((Date.now() - started) / 1000).toFixed(1)} reasons ${JSON.stringify(reasons)}`,
  );
  check(plan, {
    'every order routed or unassigned': () => routed + unassigned.length === district.orders,
    'every unassigned order has a reason': () => unassigned.every((u) => u.reason !== ''),
  });
}
