import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/**
 * A plan's routes move from one document into a row each: an edit or a carrier's report then
 * rewrites one route (kilobytes), not the day's plan (hundreds of kilobytes), and stops are
 * found by id through `stop_ids`.
 */
export const planRoutes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('plan_routes')
      .addColumn('plan_id', 'uuid', (c) => c.notNull().references('plans.id'))
      .addColumn('route_id', 'uuid', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('carrier_id', 'uuid', (c) => c.notNull())
      .addColumn('stop_ids', sql`text[]`, (c) => c.notNull())
      .addColumn('route', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_routes_pk', ['plan_id', 'route_id'])
      .execute();
    await db.schema
      .createIndex('plan_routes_stop_ids_idx')
      .on('plan_routes')
      .using('gin')
      .column('stop_ids')
      .execute();
    await sql`
      insert into plan_routes (plan_id, route_id, position, carrier_id, stop_ids, route)
      select p.id, (r.value->>'id')::uuid, (r.ordinality - 1)::integer,
             (r.value->>'carrierId')::uuid,
             array(select s->>'id' from jsonb_array_elements(r.value->'stops') s),
             r.value
      from plans p, jsonb_array_elements(p.routes) with ordinality r
    `.execute(db);
    await db.schema.alterTable('plans').dropColumn('routes').execute();
  },
};
