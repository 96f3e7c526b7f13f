import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { DeliveryOrder, DeliveryOrderKind, DeliveryOrderStatus } from '@anbu/contracts';
import { deliveryOrderSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { DeliveryOrderRow, DispatchDatabase } from './schema.js';

type Db = Kysely<DispatchDatabase> | Transaction<DispatchDatabase>;

const ORDER_COLUMNS = [
  'id',
  'kind',
  'household_id',
  'district_code',
  'status',
  'deliver_by',
  'priority',
  'attempts',
  'details',
  'created_at',
] as const;

function rowToOrder(row: DeliveryOrderRow): DeliveryOrder {
  const details = typeof row.details === 'object' && row.details !== null ? row.details : {};
  return deliveryOrderSchema.parse({
    ...details,
    id: row.id,
    kind: row.kind,
    householdId: row.household_id ?? undefined,
    districtCode: row.district_code,
    status: row.status,
    deliverBy: row.deliver_by,
    priority: row.priority,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
  });
}

/** Inserts an order; `false` when its id exists already (a redelivered event, a retried call). */
export async function insertOrder(db: Db, order: DeliveryOrder): Promise<boolean> {
  const { id, kind, householdId, districtCode, status, deliverBy, priority, attempts, createdAt } =
    order;
  const details = {
    donationId: order.donationId,
    depotId: order.depotId,
    needIds: order.needIds,
    allocationIds: order.allocationIds,
    items: order.items,
    storageClass: order.storageClass,
    window: order.window,
  };
  const result = await db
    .insertInto('delivery_orders')
    .values({
      id,
      kind,
      household_id: householdId ?? null,
      district_code: districtCode,
      status,
      deliver_by: deliverBy,
      priority,
      attempts,
      details: JSON.stringify(details),
      created_at: createdAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** One order, or undefined. */
export async function findOrder(db: Db, id: string): Promise<DeliveryOrder | undefined> {
  const row = await db
    .selectFrom('delivery_orders')
    .select(ORDER_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && rowToOrder(row);
}

/** What {@link listOrderRows} filters on. */
export interface OrderFilter {
  statuses?: readonly DeliveryOrderStatus[] | undefined;
  kinds?: readonly DeliveryOrderKind[] | undefined;
  districtCodes?: readonly string[] | undefined;
  deliverBy?: string | undefined;
  /** Orders due on or before this day. */
  dueBy?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** A page of orders, by id. */
export async function listOrderRows(
  db: Db,
  filter: OrderFilter,
): Promise<{ items: DeliveryOrder[]; nextCursor?: string }> {
  let query = db
    .selectFrom('delivery_orders')
    .select(ORDER_COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.kinds?.length) query = query.where('kind', 'in', filter.kinds);
  if (filter.districtCodes?.length)
    query = query.where('district_code', 'in', filter.districtCodes);
  if (filter.deliverBy) query = query.where('deliver_by', '=', filter.deliverBy);
  if (filter.dueBy) query = query.where('deliver_by', '<=', filter.dueBy);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToOrder });
}

/** Every open order (of some districts, when given): the pool a planning run draws from. */
export async function openOrders(
  db: Db,
  districtCodes: readonly string[],
): Promise<DeliveryOrder[]> {
  let query = db
    .selectFrom('delivery_orders')
    .select(ORDER_COLUMNS)
    .where('status', '=', 'open')
    .orderBy('id');
  if (districtCodes.length > 0) query = query.where('district_code', 'in', districtCodes);
  return (await query.execute()).map(rowToOrder);
}

/** Sets the status of orders that are in one of `from` (e.g. open → published). */
export async function setOrderStatuses(
  db: Db,
  options: {
    ids: readonly string[];
    from: readonly DeliveryOrderStatus[];
    to: DeliveryOrderStatus;
  },
): Promise<number> {
  if (options.ids.length === 0) return 0;
  const result = await db
    .updateTable('delivery_orders')
    .set({ status: options.to })
    .where('id', 'in', options.ids)
    .where('status', 'in', options.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What a carrier's report does to the order of its stop. */
export type ReportEffect = 'done' | 'back_to_pool' | 'none';

/** The order of a reported stop, as the `stop.updated` event names it. */
export interface ReportedOrder {
  readonly districtCode: string;
  readonly donationId: string | undefined;
  /** Whether this report put the order back in the pool. */
  readonly returnedToPool: boolean;
}

/**
 * Applies a carrier's report to the order of its stop, in one statement: `done` marks a
 * delivered order done, `back_to_pool` puts an order not delivered back in the pool for the
 * next plan with one attempt more (once: an order already open stays as it is), `none` leaves
 * it. Answers the order's district and donation, or undefined when there is no such order.
 */
export async function applyReport(
  db: Db,
  id: string,
  effect: ReportEffect,
): Promise<ReportedOrder | undefined> {
  const columns = [
    'district_code',
    sql<string | null>`details ->> 'donationId'`.as('donation_id'),
  ] as const;
  const row =
    effect === 'none'
      ? await db
          .selectFrom('delivery_orders')
          .select([...columns, sql<boolean>`false`.as('changed')])
          .where('id', '=', id)
          .executeTakeFirst()
      : await db
          .with('changed', (qb) =>
            effect === 'done'
              ? qb
                  .updateTable('delivery_orders')
                  .set({ status: 'done' })
                  .where('id', '=', id)
                  .where('status', 'in', ['open', 'planned', 'published'])
                  .returning('id')
              : qb
                  .updateTable('delivery_orders')
                  .set({ status: 'open', attempts: sql<number>`attempts + 1` })
                  .where('id', '=', id)
                  .where('status', 'in', ['published', 'planned'])
                  .returning('id'),
          )
          .selectFrom('delivery_orders')
          .select((eb) => [
            ...columns,
            eb.exists(eb.selectFrom('changed').select('changed.id')).as('changed'),
          ])
          .where('id', '=', id)
          .executeTakeFirst();
  return (
    row && {
      districtCode: row.district_code,
      donationId: row.donation_id ?? undefined,
      returnedToPool: effect === 'back_to_pool' && row.changed === true,
    }
  );
}

/** Orders by id (for the district of a stop's order, …). */
export async function findOrders(db: Db, ids: readonly string[]): Promise<DeliveryOrder[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('delivery_orders')
    .select(ORDER_COLUMNS)
    .where('id', 'in', ids)
    .execute();
  return rows.map(rowToOrder);
}

/** The open orders (not yet planned or published) carrying an allocation, locked for update. */
export async function openOrdersWithAllocation(
  db: Db,
  allocationId: string,
): Promise<DeliveryOrder[]> {
  const rows = await db
    .selectFrom('delivery_orders')
    .select(ORDER_COLUMNS)
    .where('status', '=', 'open')
    .where(sql<boolean>`details -> 'allocationIds' @> ${JSON.stringify([allocationId])}::jsonb`)
    .forUpdate()
    .execute();
  return rows.map(rowToOrder);
}

/** Replaces an open order's allocations and item lines; `false` when it is no longer open. */
export async function reduceOpenOrder(
  db: Db,
  change: { id: string; allocationIds: string[]; items: DeliveryOrder['items'] },
): Promise<boolean> {
  const result = await db
    .updateTable('delivery_orders')
    .set({
      details: sql`details || ${JSON.stringify({ allocationIds: change.allocationIds, items: change.items })}::jsonb`,
    })
    .where('id', '=', change.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Cancels an order that is still open; `false` when it is not (planned, published or done). */
export async function cancelOpenOrder(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('delivery_orders')
    .set({ status: 'cancelled' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
