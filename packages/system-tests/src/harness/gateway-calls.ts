import type { Plan, PlanningRun } from '@anbu/contracts';

import type { GatewayClient } from './gateway-client.js';
import { eventually } from './eventually.js';

/** A signed-in tRPC call: the session cookie, the input, and whether it is a mutation. */
export interface TrpcCall {
  readonly cookie: string;
  readonly input?: unknown;
  readonly mutation?: boolean;
}

/** The data of a 200 tRPC answer; any other answer fails naming the path, status and error. */
export async function trpcData<T>(http: GatewayClient, path: string, call: TrpcCall): Promise<T> {
  const res = await http.trpc<T>(path, call);
  if (res.status !== 200 || res.data === undefined)
    throw new Error(`${path}: ${String(res.status)} ${JSON.stringify(res.error)}`);
  return res.data;
}

/**
 * Plans `date` for `districtCodes` as a dispatcher does (`dispatch.planningStart`, then
 * `dispatch.planningGet` until the run ends) and answers the succeeded run and its plan; a run
 * that fails or does not end within `timeoutMs` fails the call.
 */
export async function planDay(
  http: GatewayClient,
  options: {
    cookie: string;
    date: string;
    districtCodes: readonly string[];
    timeLimitSeconds?: number;
    timeoutMs?: number;
  },
): Promise<{ run: PlanningRun; plan: Plan }> {
  const { cookie, date, districtCodes, timeLimitSeconds = 1, timeoutMs = 60_000 } = options;
  const queued = await trpcData<PlanningRun>(http, 'dispatch.planningStart', {
    cookie,
    mutation: true,
    input: { date, districtCodes, timeLimitSeconds },
  });
  const run = await eventually(
    `planning run ${queued.id}`,
    () =>
      trpcData<PlanningRun>(http, 'dispatch.planningGet', { cookie, input: { runId: queued.id } }),
    { done: (r) => r.status === 'succeeded' || r.status === 'failed', timeoutMs },
  );
  if (run.status !== 'succeeded' || !run.planId)
    throw new Error(`planning run ${run.id} ended ${run.status}: ${JSON.stringify(run.error)}`);
  const plan = await trpcData<Plan>(http, 'dispatch.plan', {
    cookie,
    input: { planId: run.planId },
  });
  return { run, plan };
}
