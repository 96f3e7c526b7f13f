// Peak planning: a dispatcher plans the peak day district by district, all districts in
// parallel; every run must finish within the deadline, and every order of the district must be
// either on a route or unassigned with a reason.
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { Trend } from 'k6/metrics';

import type { Session } from '../lib/trpc.ts';
import { noteFailure } from '../lib/failures.ts';
import { fixtures } from '../lib/fixtures.ts';
import { data, mutation, query } from '../lib/trpc.ts';

/** Seconds from starting a district's planning run to its end. */
const planningSeconds = new Trend('planning_run_seconds');

/** The deadline of the whole peak day's planning (the 5 minutes). */
export const PLANNING_DEADLINE_SECONDS = 300;
/** The solver's time limit per district run. */
const TIME_LIMIT_SECONDS = 30;

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
  const start = mutation(dispatcher, {
    path: 'dispatch.planningStart',
    input: { date: day.date, districtCodes: [district.code], timeLimitSeconds: TIME_LIMIT_SECONDS },
  });
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
  check(plan, {
    'every order routed or unassigned': () => routed + unassigned.length === district.orders,
    'every unassigned order has a reason': () => unassigned.every((u) => u.reason !== ''),
  });
}
