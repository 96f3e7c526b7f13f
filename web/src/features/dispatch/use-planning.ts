import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';

import type { PlanView, ProgressPoint, RunView } from './plan-view.js';
import { errorCode, useTRPC } from '../../lib/trpc.js';
import { appendProgress } from './plan-view.js';

/** How often a running planning run is asked for its progress. */
export const PROGRESS_POLL_MS = 500;
/** How often a published plan is refreshed, so carriers' reports show without reloading. */
export const LIVE_PLAN_POLL_MS = 10_000;

const FINISHED: ReadonlySet<RunView['status']> = new Set(['succeeded', 'failed', 'cancelled']);

/** The run and plan of a day this browser last worked on, so a reload finds them again. */
interface DayState {
  readonly runId?: string;
  readonly planId?: string;
}

const storageKey = (day: string) => `anbu.dispatch.${day}`;

function readDay(day: string): DayState {
  try {
    const raw = window.localStorage.getItem(storageKey(day));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** Whether a run has ended (succeeded, failed or cancelled). */
export function isFinished(run: Pick<RunView, 'status'> | undefined): boolean {
  return run !== undefined && FINISHED.has(run.status);
}

/**
 * A day's planning: start a run (or re-plan from the current plan), follow its progress every
 * half second with the best cost's history for the chart, cancel it; then the plan it made,
 * refreshed while published, with the dispatcher's edits (move, lock, publish).
 */
export function usePlanning(day: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<DayState>(() => readDay(day));
  const [points, setPoints] = useState<readonly ProgressPoint[]>([]);
  const [stale, setStale] = useState(false);
  const [loadedDay, setLoadedDay] = useState(day);
  if (loadedDay !== day) {
    // Another day: its own run and plan (adjusting state while rendering, as React advises).
    setLoadedDay(day);
    setState(readDay(day));
    setPoints([]);
  }

  const save = useCallback(
    (next: DayState) => {
      setState(next);
      window.localStorage.setItem(storageKey(day), JSON.stringify(next));
    },
    [day],
  );

  const run = useQuery(
    trpc.dispatch.planningGet.queryOptions(state.runId ? { runId: state.runId } : skipToken, {
      refetchInterval: (query) => (isFinished(query.state.data) ? false : PROGRESS_POLL_MS),
      staleTime: 0,
    }),
  );

  // Each new answer of the run adds a point to the chart (adjusting state while rendering).
  const [seenRun, setSeenRun] = useState<RunView>();
  if (run.data && run.data !== seenRun) {
    setSeenRun(run.data);
    setPoints((old) => appendProgress(old, run.data.progress));
  }
  const planId = run.data?.planId ?? state.planId;
  useEffect(() => {
    if (planId && planId !== readDay(day).planId) {
      window.localStorage.setItem(storageKey(day), JSON.stringify({ ...readDay(day), planId }));
    }
  }, [day, planId]);

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
        save({ runId: started.id, ...(planId ? { planId } : {}) });
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
    onSuccess: (next: PlanView) => {
      setStale(false);
      queryClient.setQueryData(trpc.dispatch.plan.queryKey({ planId: next.id }), next);
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

  return { run, points, plan, start, cancel, moveStop, lockStop, publish, stale };
}
