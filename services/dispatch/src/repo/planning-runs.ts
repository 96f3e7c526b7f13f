import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { PlanningProgress, PlanningRun, PlanningRunStatus } from '@anbu/contracts';
import { planningRunSchema } from '@anbu/contracts';

import type { PlanningInput } from '../domain/planning-input.js';
import type { DispatchDatabase, PlanningRunRow } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;

const RUN_COLUMNS = [
  'id',
  'date',
  'district_codes',
  'time_limit_seconds',
  'status',
  'progress',
  'notes',
  'plan_id',
  'error',
  'attempts',
  'requested_by',
  'created_at',
  'started_at',
  'finished_at',
] as const;

type RunRow = Pick<PlanningRunRow, (typeof RUN_COLUMNS)[number]>;

function rowToRun(row: RunRow): PlanningRun {
  return planningRunSchema.parse({
    id: row.id,
    date: row.date,
    districtCodes: row.district_codes,
    timeLimitSeconds: row.time_limit_seconds,
    status: row.status,
    progress: row.progress,
    notes: row.notes,
    planId: row.plan_id ?? undefined,
    error: row.error ?? undefined,
    attempts: row.attempts,
    requestedBy: row.requested_by,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString(),
    finishedAt: row.finished_at?.toISOString(),
  });
}

/**
 * A new queued run. Its problem is gathered by the runner that claims it (see `storeInput`), so
 * that starting a run answers at once; `basePlanId` is the plan a re-plan starts from.
 */
export async function insertRun(
  db: Db,
  run: {
    id: string;
    date: string;
    districtCodes: readonly string[];
    timeLimitSeconds: number;
    requestedBy: string;
    basePlanId?: string | undefined;
  },
): Promise<PlanningRun> {
  const progress: PlanningProgress = { elapsedMs: 0, iterations: 0, fraction: 0 };
  const row = await db
    .insertInto('planning_runs')
    .values({
      id: run.id,
      date: run.date,
      district_codes: [...run.districtCodes],
      time_limit_seconds: run.timeLimitSeconds,
      status: 'queued',
      progress: JSON.stringify(progress),
      base_plan_id: run.basePlanId ?? null,
      requested_by: run.requestedBy,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning(RUN_COLUMNS)
    .executeTakeFirst();
  if (row) return rowToRun(row);
  const existing = await findRun(db, run.id);
  if (!existing) throw new Error(`planning run ${run.id} neither inserted nor found`);
  return existing;
}

/**
 * Stores the problem `owner` gathered for its run (and the notes made building it), so that a
 * replica taking the run over solves the same problem; `false` when the run is no longer theirs.
 */
export async function storeInput(
  db: Db,
  options: { id: string; owner: string; input: PlanningInput },
): Promise<boolean> {
  const result = await db
    .updateTable('planning_runs')
    .set({
      input: JSON.stringify(options.input),
      notes: JSON.stringify(options.input.notes.slice(0, 5000)),
    })
    .where('id', '=', options.id)
    .where('lease_owner', '=', options.owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** One run, or undefined. */
export async function findRun(db: Db, id: string): Promise<PlanningRun | undefined> {
  const row = await db
    .selectFrom('planning_runs')
    .select(RUN_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToRun(row);
}

/**
 * A run claimed by a runner: the run, and its problem when an earlier attempt gathered it
 * (otherwise the runner gathers it, re-planning `basePlanId` when set).
 */
export interface ClaimedRun {
  readonly run: PlanningRun;
  readonly input: PlanningInput | undefined;
  readonly basePlanId: string | undefined;
}

/**
 * Claims the oldest run that is queued, or running under a lease that has expired (its replica
 * died), for `owner` until `leaseMs` from now. `FOR UPDATE SKIP LOCKED` lets replicas claim at
 * the same time without waiting on each other or taking the same run.
 */
export async function claimRun(
  db: Kysely<DispatchDatabase>,
  options: { owner: string; leaseMs: number },
): Promise<ClaimedRun | undefined> {
  const row = await db
    .updateTable('planning_runs')
    .set({
      status: 'running',
      lease_owner: options.owner,
      lease_expires_at: sql<Date>`now() + ${`${options.leaseMs} milliseconds`}::interval`,
      attempts: sql<number>`attempts + 1`,
      started_at: sql<Date>`coalesce(started_at, now())`,
    })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('planning_runs')
        .select('id')
        .where((w) =>
          w.or([
            w('status', '=', 'queued'),
            w.and([w('status', '=', 'running'), w('lease_expires_at', '<', sql<Date>`now()`)]),
          ]),
        )
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returning([...RUN_COLUMNS, 'input', 'base_plan_id'])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    run: rowToRun(row),
    input: (row.input ?? undefined) as PlanningInput | undefined,
    basePlanId: row.base_plan_id ?? undefined,
  };
}

/**
 * Extends `owner`'s lease and stores progress; answers whether the run is still `owner`'s and
 * whether a cancel was asked for (a lost lease means another replica took the run over).
 */
export async function renewLease(
  db: Kysely<DispatchDatabase>,
  options: { id: string; owner: string; leaseMs: number; progress?: PlanningProgress },
): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const row = await db
    .updateTable('planning_runs')
    .set({
      lease_expires_at: sql<Date>`now() + ${`${options.leaseMs} milliseconds`}::interval`,
      ...(options.progress ? { progress: JSON.stringify(options.progress) } : {}),
    })
    .where('id', '=', options.id)
    .where('lease_owner', '=', options.owner)
    .where('status', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  return { owned: row !== undefined, cancelRequested: row?.cancel_requested ?? false };
}

/** Ends `owner`'s run; `false` when the run is no longer theirs (nothing is written). */
export async function finishRun(
  db: Db,
  options: {
    id: string;
    owner: string;
    status: Extract<PlanningRunStatus, 'succeeded' | 'failed' | 'cancelled'>;
    progress?: PlanningProgress | undefined;
    planId?: string | undefined;
    error?: string | undefined;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('planning_runs')
    .set({
      status: options.status,
      plan_id: options.planId ?? null,
      error: options.error?.slice(0, 1000) ?? null,
      lease_owner: null,
      lease_expires_at: null,
      finished_at: sql<Date>`now()`,
      ...(options.progress ? { progress: JSON.stringify(options.progress) } : {}),
    })
    .where('id', '=', options.id)
    .where('lease_owner', '=', options.owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives a run back to the queue at once (a replica shutting down cleanly). */
export async function releaseRun(db: Db, options: { id: string; owner: string }): Promise<void> {
  await db
    .updateTable('planning_runs')
    .set({ status: 'queued', lease_owner: null, lease_expires_at: null })
    .where('id', '=', options.id)
    .where('lease_owner', '=', options.owner)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Cancels a run: a queued one at once, a running one by flagging it for its runner (which stops
 * the solver and marks it cancelled). Finished runs are left as they are.
 */
export async function requestCancel(db: Db, id: string): Promise<PlanningRun | undefined> {
  await db
    .updateTable('planning_runs')
    .set({ status: 'cancelled', finished_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
  await db
    .updateTable('planning_runs')
    .set({ cancel_requested: true })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
  return findRun(db, id);
}
