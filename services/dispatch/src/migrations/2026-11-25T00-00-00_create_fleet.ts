import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { sql } from 'kysely';

/** Vehicles, carriers and their shifts: the fleet that planning draws from. */
export const createFleet: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('vehicles')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('organisation_id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('plate', 'text')
      .addColumn('capacity', 'jsonb', (c) => c.notNull())
      .addColumn('depot_id', 'uuid', (c) => c.notNull())
      .addColumn('speed_kmh', 'double precision')
      .addColumn('range_km', 'double precision')
      .addColumn('refrigerated', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .execute();

    await db.schema
      .createTable('carriers')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('organisation_id', 'uuid', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('capacity', 'jsonb', (c) => c.notNull())
      .addColumn('home_depot_id', 'uuid', (c) => c.notNull())
      .addColumn('skills', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('anbu_time_budget_minutes', 'integer')
      .addColumn('user_id', 'uuid')
      .addColumn('vehicle_id', 'uuid', (c) => c.references('vehicles.id'))
      .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
      .execute();
    await db.schema
      .createIndex('carriers_depot_idx')
      .on('carriers')
      .column('home_depot_id')
      .execute();

    await db.schema
      .createTable('shifts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('carrier_id', 'uuid', (c) => c.notNull().references('carriers.id'))
      .addColumn('vehicle_id', 'uuid', (c) => c.references('vehicles.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('window_start', 'timestamptz', (c) => c.notNull())
      .addColumn('window_end', 'timestamptz', (c) => c.notNull())
      .addColumn('start_depot_id', 'uuid', (c) => c.notNull())
      .addColumn('end_depot_id', 'uuid')
      .addColumn('anbu_time_budget_minutes', 'integer')
      .addColumn('cancelled', 'boolean', (c) => c.notNull().defaultTo(false))
      .addCheckConstraint('shifts_window_order', sql`window_end > window_start`)
      .execute();
    await db.schema
      .createIndex('shifts_date_idx')
      .on('shifts')
      .columns(['date', 'carrier_id'])
      .execute();
  },
};
