import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The pickup slot each donation has booked (one row per donation: a rebooking moves it), so a
 * slot's `remaining` is its capacity less the donations booked into it.
 */
export const pickupBookings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('pickup_bookings')
      .addColumn('donation_id', 'uuid', (c) => c.primaryKey())
      .addColumn('slot_id', 'uuid', (c) => c.notNull())
      .addColumn('depot_id', 'uuid', (c) => c.notNull())
      .addColumn('booked_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pickup_bookings_slot_idx')
      .on('pickup_bookings')
      .column('slot_id')
      .execute();
  },
};
