import type { Kysely, Transaction } from 'kysely';

import type { CarrierKind, VehicleKind } from '@anbu/contracts';
import { carrierKindSchema, vehicleKindSchema } from '@anbu/contracts';

import type { SlotShift } from '../domain/pickup-slots.js';
import type { DispatchDatabase } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;

/**
 * The live shifts from `from` to `to` (dates, inclusive) with their carrier's kind and the kind
 * of the vehicle they use (the shift's, else the carrier's usual one).
 */
export async function slotShifts(
  db: Db,
  filter: { from: string; to: string; depotId?: string | undefined },
): Promise<SlotShift[]> {
  let query = db
    .selectFrom('shifts as s')
    .innerJoin('carriers as c', 'c.id', 's.carrier_id')
    .leftJoin('vehicles as v', (join) =>
      join.on((eb) => eb('v.id', '=', eb.fn.coalesce('s.vehicle_id', 'c.vehicle_id'))),
    )
    .select([
      's.date',
      's.window_start',
      's.window_end',
      's.start_depot_id',
      's.cancelled',
      'c.kind as carrier_kind',
      'v.kind as vehicle_kind',
    ])
    .where('s.date', '>=', filter.from)
    .where('s.date', '<=', filter.to)
    .where('s.cancelled', '=', false)
    .where('c.active', '=', true);
  if (filter.depotId) query = query.where('s.start_depot_id', '=', filter.depotId);
  const rows = await query.execute();
  return rows.map((row) => ({
    shift: {
      date: row.date,
      window: { start: row.window_start.toISOString(), end: row.window_end.toISOString() },
      startDepotId: row.start_depot_id,
      cancelled: row.cancelled,
    },
    carrierKind: carrierKindSchema.parse(row.carrier_kind) satisfies CarrierKind,
    vehicleKind:
      row.vehicle_kind === null
        ? undefined
        : (vehicleKindSchema.parse(row.vehicle_kind) satisfies VehicleKind),
  }));
}

/** How many donations are booked into each of the given slots. */
export async function bookedCounts(
  db: Db,
  slotIds: readonly string[],
): Promise<Map<string, number>> {
  if (slotIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('pickup_bookings')
    .select(['slot_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('slot_id', 'in', slotIds)
    .groupBy('slot_id')
    .execute();
  return new Map(rows.map((r) => [r.slot_id, Number(r.n)]));
}

/** Records (or moves) a donation's booking; the latest booking of a donation counts. */
export async function upsertBooking(
  db: Db,
  booking: { donationId: string; slotId: string; depotId: string; at: string },
): Promise<void> {
  await db
    .insertInto('pickup_bookings')
    .values({
      donation_id: booking.donationId,
      slot_id: booking.slotId,
      depot_id: booking.depotId,
      booked_at: booking.at,
    })
    .onConflict((oc) =>
      oc
        .column('donation_id')
        .doUpdateSet({
          slot_id: booking.slotId,
          depot_id: booking.depotId,
          booked_at: booking.at,
        })
        .where('pickup_bookings.booked_at', '<=', new Date(booking.at)),
    )
    .execute();
}
