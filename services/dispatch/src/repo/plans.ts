import type { Kysely, Transaction } from 'kysely';

import type { Plan } from '@anbu/contracts';
import { planSchema } from '@anbu/contracts';

import type { DispatchDatabase } from './schema.js';

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

/** One plan, or undefined. */
export async function findPlan(db: Db, id: string): Promise<Plan | undefined> {
  const row = await db
    .selectFrom('plans')
    .select([
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
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row &&
    planSchema.parse({
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
    })
  );
}
