import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { Plan } from '@anbu/contracts';
import { planSchema } from '@anbu/contracts';

import type { DispatchDatabase, PlanRow } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;

/** Stores a plan (routes and stops as one document: the plan is edited and read whole). */
export async function insertPlan(db: Db, plan: Plan): Promise<void> {
  await db
    .insertInto('plans')
    .values({
      id: plan.id,
      run_id: plan.runId,
      date: plan.date,
      status: plan.status,
      routes: JSON.stringify(plan.routes),
      unassigned: JSON.stringify(plan.unassigned),
      total_distance_meters: plan.totalDistanceMeters,
      total_duration_seconds: plan.totalDurationSeconds,
      version: plan.version,
      created_at: plan.createdAt,
    })
    .execute();
}

const PLAN_COLUMNS = [
  'id',
  'run_id',
  'date',
  'status',
  'routes',
  'unassigned',
  'total_distance_meters',
  'total_duration_seconds',
  'version',
  'created_at',
  'published_at',
  'published_by',
] as const;

function rowToPlan(row: Pick<PlanRow, (typeof PLAN_COLUMNS)[number]>): Plan {
  return planSchema.parse({
    id: row.id,
    runId: row.run_id,
    date: row.date,
    status: row.status,
    routes: row.routes,
    unassigned: row.unassigned,
    totalDistanceMeters: Number(row.total_distance_meters),
    totalDurationSeconds: Number(row.total_duration_seconds),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString(),
    publishedBy: row.published_by ?? undefined,
  });
}

/** One plan, or undefined; `forUpdate` locks its row until the transaction ends. */
export async function findPlan(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Plan | undefined> {
  let query = db.selectFrom('plans').select(PLAN_COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && rowToPlan(row);
}

/** The published plan of a day, or undefined. */
export async function findPublishedPlan(db: Db, date: string): Promise<Plan | undefined> {
  const row = await db
    .selectFrom('plans')
    .select(PLAN_COLUMNS)
    .where('date', '=', date)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && rowToPlan(row);
}

/** The published plan holding stop `stopId` (locked for update), or undefined. */
export async function findPublishedPlanWithStop(db: Db, stopId: string): Promise<Plan | undefined> {
  const probe = JSON.stringify([{ stops: [{ id: stopId }] }]);
  const row = await db
    .selectFrom('plans')
    .select(PLAN_COLUMNS)
    .where('status', '=', 'published')
    .where(sql<boolean>`routes @> ${probe}::jsonb`)
    .forUpdate()
    .executeTakeFirst();
  return row && rowToPlan(row);
}

/** Writes a plan's edited state (routes, unassigned, totals, version, status, publication). */
export async function replacePlan(db: Db, plan: Plan): Promise<void> {
  await db
    .updateTable('plans')
    .set({
      status: plan.status,
      routes: JSON.stringify(plan.routes),
      unassigned: JSON.stringify(plan.unassigned),
      total_distance_meters: plan.totalDistanceMeters,
      total_duration_seconds: plan.totalDurationSeconds,
      version: plan.version,
      published_at: plan.publishedAt ?? null,
      published_by: plan.publishedBy ?? null,
    })
    .where('id', '=', plan.id)
    .execute();
}

/** Marks the other published plans of `date` superseded; answers their ids. */
export async function supersedePublished(
  db: Db,
  options: { date: string; exceptPlanId: string },
): Promise<Plan[]> {
  const rows = await db
    .updateTable('plans')
    .set({ status: 'superseded' })
    .where('date', '=', options.date)
    .where('status', '=', 'published')
    .where('id', '<>', options.exceptPlanId)
    .returning(PLAN_COLUMNS)
    .execute();
  return rows.map(rowToPlan);
}
