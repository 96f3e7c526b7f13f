import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';

import type { PlanView, ProgressPoint, RunView } from './plan-view.js';
import type { ProgressSource } from './progress-source.js';
import { errorCode, useTRPC } from '../../lib/trpc.js';
import { appendProgress } from './plan-view.js';
import { sseFailed } from './progress-source.js';

/** How often a running planning run is asked for its progress when SSE is not available. */
export const PROGRESS_POLL_MS = 500;
/** How often the day's plans are refreshed, so carriers' reports show without reloading. */
export const LIVE_PLAN_POLL_MS = 10_000;

const FINISHED: ReadonlySet<RunView['status']> = new Set(['succeeded', 'failed', 'cancelled']);

/** The run and draft plan this screen is working on (the published plan comes from dispatch). */
interface DayState {
  readonly runId?: string;
  readonly planId?: string;
}

/** Whether a run has ended (succeeded, failed or cancelled). */
export function isFinished(run: Pick<RunView, 'status'> | undefined): boolean {
  return run !== undefined && FINISHED.has(run.status);
}

const hasEventSource = () => typeof globalThis.EventSource === 'function';

/**
 * A day's planning: the day's published plan from dispatch (so any dispatcher, on any browser,
 * finds it); starting a run (or re-planning from the current plan) and following its progress
 * over SSE (`dispatch.planningProgress`), falling back to polling when SSE fails; the best
 * cost's history for the chart; cancelling; then the plan the run made, refreshed while
 * published, with the dispatcher's edits (move, lock, publish).
 */
export function usePlanning(day: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<DayState>({});
  const [points, setPoints] = useState<readonly ProgressPoint[]>([]);
  const [stale, setStale] = useState(false);
  const [loadedDay, setLoadedDay] = useState(day);
  if (loadedDay !== day) {
    // Another day: its own run and plan (adjusting state while rendering, as React advises).
    setLoadedDay(day);
    setState({});
    setPoints([]);
  }

  const published = useQuery(
    trpc.dispatch.publishedPlan.queryOptions(
      { date: day },
      { refetchInterval: LIVE_PLAN_POLL_MS, staleTime: 0 },
    ),
  );

  const runKey = state.runId ? { runId: state.runId } : undefined;
  const cached = runKey
    ? queryClient.getQueryData(trpc.dispatch.planningGet.queryKey(runKey))
    : undefined;
  const following = runKey !== undefined && !isFinished(cached);
  const progress = useSubscription(
    trpc.dispatch.planningProgress.subscriptionOptions(
      following && hasEventSource() ? runKey : skipToken,
      {
        onData: (next) =>
          queryClient.setQueryData(trpc.dispatch.planningGet.queryKey({ runId: next.id }), next),
      },
    ),
  );
  const source: ProgressSource = sseFailed(progress, { hasEventSource: hasEventSource() })
    ? 'polling'
    : 'sse';
  const run = useQuery(
    trpc.dispatch.planningGet.queryOptions(runKey ?? skipToken, {
      // Over SSE the cache is fed by the subscription; polling only when SSE has failed.
      enabled: source === 'polling' || !following,
      refetchInterval: (query) =>
        source === 'polling' && !isFinished(query.state.data) ? PROGRESS_POLL_MS : false,
      staleTime: source === 'polling' ? 0 : Infinity,
    }),
  );

  // Each new answer of the run adds a point to the chart (adjusting state while rendering).
  const [seenRun, setSeenRun] = useState<RunView>();
  if (run.data && run.data !== seenRun) {
    setSeenRun(run.data);
    setPoints((old) => appendProgress(old, run.data.progress));
  }
  const planId = run.data?.planId ?? state.planId ?? published.data?.plan?.id;

  const plan = useQuery(
    trpc.dispatch.plan.queryOptions(planId ? { planId } : skipToken, {
      refetchInterval: (query) =>
        query.state.data?.status === 'published' ? LIVE_PLAN_POLL_MS : false,
      staleTime: 0,
    }),
  );

  const start = useMutation(
    trpc.dispatch.planningStart.mutationOptions({
      onSuccess: (started) => {
        setPoints([]);
        queryClient.setQueryData(
          trpc.dispatch.planningGet.queryKey({ runId: started.id }),
          started,
        );
        setState({ runId: started.id, ...(planId ? { planId } : {}) });
      },
    }),
  );

  const cancel = useMutation(
    trpc.dispatch.planningCancel.mutationOptions({
      onSuccess: (cancelled) =>
        queryClient.setQueryData(
          trpc.dispatch.planningGet.queryKey({ runId: cancelled.id }),
          cancelled,
        ),
    }),
  );

  /** An edit's answer is the new plan; a stale version means someone else changed it first. */
  const editOptions = {
    onSuccess: async (next: PlanView) => {
      setStale(false);
      queryClient.setQueryData(trpc.dispatch.plan.queryKey({ planId: next.id }), next);
      if (next.status === 'published') {
        await queryClient.invalidateQueries({ queryKey: trpc.dispatch.publishedPlan.pathKey() });
      }
    },
    onError: async (error: unknown) => {
      if (errorCode(error) !== 'CONFLICT') return;
      setStale(true);
      await queryClient.invalidateQueries({ queryKey: trpc.dispatch.plan.pathKey() });
    },
  };
  const moveStop = useMutation(trpc.dispatch.moveStop.mutationOptions(editOptions));
  const lockStop = useMutation(trpc.dispatch.lockStop.mutationOptions(editOptions));
  const publish = useMutation(trpc.dispatch.publish.mutationOptions(editOptions));

  return { run, points, plan, start, cancel, moveStop, lockStop, publish, stale, source };
}
