import type { Kysely, Transaction } from 'kysely';

import type { ActorRef, Donation, DonationInput, DonationStatus } from '@anbu/contracts';
import { donationSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { DonationRow, DonationsDatabase, HistoryRow } from './schema.js';

type Db = Kysely<DonationsDatabase> | Transaction<DonationsDatabase>;

/** The columns a {@link Donation} is read from. */
export const DONATION_COLUMNS = [
  'id',
  'organisation_id',
  'status',
  'items',
  'pickup',
  'restrictions',
  'note',
  'pickup_slot_id',
  'depot_id',
  'rejected_reason',
  'created_by',
  'created_at',
  'updated_at',
] as const;

/** A donation from its row and its history entries (oldest first). */
export function toDonation(row: DonationRow, history: readonly HistoryRow[]): Donation {
  return donationSchema.parse({
    id: row.id,
    organisationId: row.organisation_id,
    status: row.status,
    items: row.items,
    pickup: row.pickup,
    restrictions: row.restrictions,
    note: row.note ?? undefined,
    pickupSlotId: row.pickup_slot_id ?? undefined,
    depotId: row.depot_id ?? undefined,
    rejectedReason: row.rejected_reason ?? undefined,
    history: history.map((entry) => ({
      status: entry.status,
      at: entry.at.toISOString(),
      by: { kind: entry.by_kind, id: entry.by_id },
      note: entry.note ?? undefined,
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  });
}

async function historyOf(db: Db, ids: readonly string[]): Promise<Map<string, HistoryRow[]>> {
  const byDonation = new Map<string, HistoryRow[]>();
  if (ids.length === 0) return byDonation;
  const rows = await db
    .selectFrom('donation_history')
    .select(['seq', 'donation_id', 'status', 'at', 'by_kind', 'by_id', 'note'])
    .where('donation_id', 'in', ids)
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const list = byDonation.get(row.donation_id) ?? [];
    list.push(row);
    byDonation.set(row.donation_id, list);
  }
  return byDonation;
}

/** Appends one entry to a donation's status history. */
export async function appendHistory(
  db: Db,
  entry: {
    donationId: string;
    status: DonationStatus;
    at: Date;
    by: ActorRef;
    note?: string | undefined;
  },
): Promise<void> {
  await db
    .insertInto('donation_history')
    .values({
      donation_id: entry.donationId,
      status: entry.status,
      at: entry.at,
      by_kind: entry.by.kind,
      by_id: entry.by.id,
      note: entry.note ?? null,
    })
    .execute();
}

/** Inserts an offered donation with its first history entry; `false` if the id exists. */
export async function insertDonation(
  db: Db,
  options: { id: string; organisationId: string; input: DonationInput; by: ActorRef; at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('donations')
    .values({
      id: options.id,
      organisation_id: options.organisationId,
      status: 'offered',
      items: JSON.stringify(options.input.items),
      pickup: JSON.stringify(options.input.pickup),
      restrictions: JSON.stringify(options.input.restrictions),
      note: options.input.note ?? null,
      pickup_slot_id: null,
      depot_id: null,
      rejected_reason: null,
      created_by: `${options.by.kind}:${options.by.id}`,
      created_at: options.at,
      updated_at: options.at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  const inserted = (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  if (inserted)
    await appendHistory(db, {
      donationId: options.id,
      status: 'offered',
      at: options.at,
      by: options.by,
    });
  return inserted;
}

/** One donation with its history, or undefined. */
export async function findDonation(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Donation | undefined> {
  let query = db.selectFrom('donations').select(DONATION_COLUMNS).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return toDonation(row, (await historyOf(db, [id])).get(id) ?? []);
}

/** Moves a donation to `status` and records who did it; extra columns as given. */
export async function setDonationStatus(
  db: Db,
  change: {
    id: string;
    status: DonationStatus;
    at: Date;
    by: ActorRef;
    note?: string | undefined;
    depotId?: string;
    rejectedReason?: string;
  },
): Promise<void> {
  await db
    .updateTable('donations')
    .set({
      status: change.status,
      updated_at: change.at,
      ...(change.depotId ? { depot_id: change.depotId } : {}),
      ...(change.rejectedReason ? { rejected_reason: change.rejectedReason } : {}),
    })
    .where('id', '=', change.id)
    .execute();
  await appendHistory(db, {
    donationId: change.id,
    status: change.status,
    at: change.at,
    by: change.by,
    note: change.note,
  });
}

/** A page of donations, newest ids last (ids are random: the order is stable, not by time). */
export async function listDonationRows(
  db: Db,
  filter: {
    organisationId?: string | undefined;
    statuses?: readonly string[] | undefined;
    postedFrom?: string | undefined;
    postedTo?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Donation[]; nextCursor?: string }> {
  let query = db
    .selectFrom('donations')
    .select(DONATION_COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.postedFrom)
    query = query.where('created_at', '>=', new Date(`${filter.postedFrom}T00:00:00+09:00`));
  if (filter.postedTo)
    query = query.where(
      'created_at',
      '<',
      new Date(Date.parse(`${filter.postedTo}T00:00:00+09:00`) + 86_400_000),
    );
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  const rows = await query.execute();
  const history = await historyOf(
    db,
    rows.map((row) => row.id),
  );
  return toPage(rows, {
    limit: filter.limit,
    map: (row) => toDonation(row, history.get(row.id) ?? []),
  });
}

/** Records the pickup slot booked for a donation. */
export async function setPickupSlot(
  db: Db,
  change: { id: string; pickupSlotId: string; at: Date },
): Promise<void> {
  await db
    .updateTable('donations')
    .set({ pickup_slot_id: change.pickupSlotId, updated_at: change.at })
    .where('id', '=', change.id)
    .execute();
}
