import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { Plan, Route } from '@anbu/contracts';
import { planSchema, routeSchema } from '@anbu/contracts';

import type { DispatchDatabase, PlanRow } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;

const PLAN_COLUMNS = [
  'id',
  'run_id',
  'date',
  'status',
  'unassigned',
  'total_distance_meters',
  'total_duration_seconds',
  'version',
  'created_at',
  'published_at',
  'published_by',
] as const;

type PlanHead = Pick<PlanRow, (typeof PLAN_COLUMNS)[number]>;

/** The route rows of a write: one per route, with the stop ids stops are found by. */
function routeRows(planId: string, routes: readonly Route[], positions: readonly number[]) {
  return routes.map((route, i) => ({
    plan_id: planId,
    route_id: route.id,
    position: positions[i] ?? i,
    carrier_id: route.carrierId,
    stop_ids: route.stops.map((s) => s.id),
    route: JSON.stringify(route),
  }));
}

/** Writes the head of a plan (all but its routes). */
function headValues(plan: Plan) {
  return {
    status: plan.status,
    unassigned: JSON.stringify(plan.unassigned),
    total_distance_meters: plan.totalDistanceMeters,
    total_duration_seconds: plan.totalDurationSeconds,
    version: plan.version,
    published_at: plan.publishedAt ?? null,
    published_by: plan.publishedBy ?? null,
  };
}

/**
 * Stores a new plan: its head and a row per route, `perRoute` called between route inserts (a
 * caller on a shared event loop yields there).
 */
export async function insertPlan(
  db: Db,
  plan: Plan,
  options: { perRoute?: () => Promise<void> } = {},
): Promise<void> {
  await db
    .insertInto('plans')
    .values({
      id: plan.id,
      run_id: plan.runId,
      date: plan.date,
      created_at: plan.createdAt,
      ...headValues(plan),
    })
    .execute();
  const rows = routeRows(
    plan.id,
    plan.routes,
    plan.routes.map((_, i) => i),
  );
  for (const row of rows) {
    await options.perRoute?.();
    await db.insertInto('plan_routes').values(row).execute();
  }
}

async function withRoutes(db: Db, head: PlanHead): Promise<Plan> {
  const rows = await db
    .selectFrom('plan_routes')
    .select('route')
    .where('plan_id', '=', head.id)
    .orderBy('position')
    .execute();
  return planSchema.parse({
    id: head.id,
    runId: head.run_id,
    date: head.date,
    status: head.status,
    routes: rows.map((r) => r.route),
    unassigned: head.unassigned,
    totalDistanceMeters: Number(head.total_distance_meters),
    totalDurationSeconds: Number(head.total_duration_seconds),
    version: head.version,
    createdAt: head.created_at.toISOString(),
    publishedAt: head.published_at?.toISOString(),
    publishedBy: head.published_by ?? undefined,
  });
}

/** One plan, or undefined; `forUpdate` locks its head row until the transaction ends. */
export async function findPlan(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Plan | undefined> {
  let query = db.selectFrom('plans').select(PLAN_COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const head = await query.executeTakeFirst();
  return head && withRoutes(db, head);
}

/** The published plan of a day, or undefined. */
export async function findPublishedPlan(db: Db, date: string): Promise<Plan | undefined> {
  const head = await db
    .selectFrom('plans')
    .select(PLAN_COLUMNS)
    .where('date', '=', date)
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return head && withRoutes(db, head);
}

/** A carrier's route in the published plan of a day, or undefined. */
export async function findPublishedRoute(
  db: Db,
  options: { date: string; carrierId: string },
): Promise<Route | undefined> {
  const row = await db
    .selectFrom('plan_routes')
    .innerJoin('plans', 'plans.id', 'plan_routes.plan_id')
    .select('plan_routes.route')
    .where('plans.date', '=', options.date)
    .where('plans.status', '=', 'published')
    .where('plan_routes.carrier_id', '=', options.carrierId)
    .orderBy('plans.published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && routeSchema.parse(row.route);
}

/**
 * The route of a published plan holding stop `stopId`, its row locked for update; with
 * `carrier`, only when that route is this carrier's of that day (a carrier's report may touch
 * no other stop). The plan's head is only share-locked: carriers of one plan report side by
 * side, while an edit or a publish of the plan (which locks its head for update) still waits
 * for them, and they for it.
 */
export async function findPublishedRouteWithStop(
  db: Db,
  stopId: string,
  carrier?: { carrierId: string; date: string },
): Promise<{ planId: string; route: Route } | undefined> {
  let query = db
    .selectFrom('plan_routes')
    .innerJoin('plans', 'plans.id', 'plan_routes.plan_id')
    .select(['plan_routes.plan_id', 'plan_routes.route'])
    .where('plans.status', '=', 'published')
    .where(sql<boolean>`plan_routes.stop_ids @> array[${stopId}]::text[]`);
  if (carrier) {
    query = query
      .where('plans.date', '=', carrier.date)
      .where('plan_routes.carrier_id', '=', carrier.carrierId);
  }
  const row = await query
    .modifyEnd(sql`for update of plan_routes for share of plans`)
    .executeTakeFirst();
  return row && { planId: row.plan_id, route: routeSchema.parse(row.route) };
}

/**
 * Stores a carrier's report on a route: its document only, as a report moves no stop (the
 * stop ids, and their index, stay as they are).
 */
export async function writeReportedRoute(db: Db, planId: string, route: Route): Promise<void> {
  await db
    .updateTable('plan_routes')
    .set({ route: JSON.stringify(route) })
    .where('plan_id', '=', planId)
    .where('route_id', '=', route.id)
    .execute();
}

/**
 * Writes a plan's edited state: its head, and the routes that differ from `before` (all of
 * them without it).
 */
export async function replacePlan(db: Db, plan: Plan, before?: Plan): Promise<void> {
  await db.updateTable('plans').set(headValues(plan)).where('id', '=', plan.id).execute();
  const old = new Map((before?.routes ?? []).map((r) => [r.id, r]));
  const positions: number[] = [];
  const changed = plan.routes.filter((route, i) => {
    const previous = old.get(route.id);
    const differs = !previous || JSON.stringify(previous) !== JSON.stringify(route);
    if (differs) positions.push(i);
    return differs;
  });
  for (const row of routeRows(plan.id, changed, positions)) {
    await db
      .insertInto('plan_routes')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['plan_id', 'route_id']).doUpdateSet({
          position: row.position,
          stop_ids: row.stop_ids,
          route: row.route,
        }),
      )
      .execute();
  }
}

/**
 * Marks the other published plans of `date` that cover any of `planId`'s districts superseded,
 * and answers them. A plan covers the districts of the run that made it, a whole-area run's plan
 * every district: district plans of a day (each with the district's own fleet) stand side by
 * side, and a whole-area plan replaces them all (and is replaced by any of them).
 */
export async function supersedePublished(
  db: Db,
  options: { date: string; exceptPlanId: string },
): Promise<Plan[]> {
  const own = await db
    .selectFrom('plans')
    .innerJoin('planning_runs', 'planning_runs.id', 'plans.run_id')
    .select('planning_runs.district_codes')
    .where('plans.id', '=', options.exceptPlanId)
    .executeTakeFirst();
  const districts = own?.district_codes ?? [];
  let query = db
    .updateTable('plans')
    .set({ status: 'superseded' })
    .where('date', '=', options.date)
    .where('status', '=', 'published')
    .where('id', '<>', options.exceptPlanId);
  if (districts.length > 0) {
    query = query.where('run_id', 'in', (eb) =>
      eb
        .selectFrom('planning_runs')
        .select('id')
        .where(
          sql<boolean>`cardinality(district_codes) = 0 or district_codes && ${sql.val(districts)}::text[]`,
        ),
    );
  }
  const heads = await query.returning(PLAN_COLUMNS).execute();
  return Promise.all(heads.map((head) => withRoutes(db, head)));
}
