import { randomUUID } from 'node:crypto';
import type { RawBuilder, Transaction } from 'kysely';
import { sql } from 'kysely';

import type { AllocationRunSummary } from '@anbu/contracts';
import { allocationMade, deliveryOrdered } from '@anbu/contracts/events';

import type { AllocationPlan, PlannedAllocation } from '../domain/plan-inputs.js';
import type { MatchingDatabase } from './schema.js';
import { AllocationConflictError } from '../errors.js';
import { emitMany } from './emit-many.js';

type Trx = Transaction<MatchingDatabase>;

/** Rows per multi-row insert (well under PostgreSQL's 65,535 bind parameters). */
const INSERT_BATCH = 500;

function sumBy<K>(
  allocations: readonly PlannedAllocation[],
  key: (a: PlannedAllocation) => K | undefined,
) {
  const sums = new Map<K, number>();
  for (const a of allocations) {
    const k = key(a);
    if (k !== undefined) sums.set(k, (sums.get(k) ?? 0) + a.quantity);
  }
  return sums;
}

/**
 * Adds `sums` to the `allocated` counter of rows of `table` keyed by `key`, in batches: first the
 * rows are locked in key order (`for update`) and must all still be open, then one update per
 * batch adds the units, and the CHECK refuses any sum above what a row holds.
 */
async function addToCounters(
  trx: Trx,
  options: {
    table: 'stock_lots' | 'open_needs';
    key: 'lot_id' | 'need_id';
    sums: ReadonlyMap<string, number>;
    open: RawBuilder<unknown>;
    what: string;
  },
) {
  const ids = [...options.sums.keys()].sort();
  const table = sql.table(options.table);
  const key = sql.ref(options.key);
  for (let i = 0; i < ids.length; i += INSERT_BATCH) {
    const batch = ids.slice(i, i + INSERT_BATCH);
    const locked = await sql<{ id: string }>`
      select ${key} as id from ${table}
      where ${key} in (${sql.join(batch)}) and ${options.open}
      order by ${key} for update`.execute(trx);
    if (locked.rows.length !== batch.length) {
      const open = new Set(locked.rows.map((r) => r.id));
      const gone = batch.find((id) => !open.has(id));
      throw new AllocationConflictError(`${options.what} ${gone ?? ''} is no longer open`);
    }
    const values = sql.join(
      batch.map((id) => sql`(${id}::uuid, ${options.sums.get(id) ?? 0}::int)`),
    );
    await sql`
      update ${table} as t set allocated = t.allocated + v.q
      from (values ${values}) as v(id, q)
      where t.${key} = v.id`.execute(trx);
  }
}

/**
 * Adds the plan's units to the counters of its lots, kitchen days and needs, in one global
 * order (lots, kitchen days, needs; each by id) so that racing runs queue instead of
 * deadlocking. The CHECK constraints refuse any sum above what a row holds; a row that is no
 * longer open (expired lot, cancelled need) counts as a conflict too.
 */
async function takeUnits(trx: Trx, options: { plan: AllocationPlan; today: string }) {
  const { plan, today } = options;
  await addToCounters(trx, {
    table: 'stock_lots',
    key: 'lot_id',
    sums: sumBy(plan.allocations, (a) => (a.source.kind === 'lot' ? a.source.lotId : undefined)),
    open: sql`status = 'in_stock' and (expires_on is null or expires_on >= ${today})`,
    what: 'lot',
  });
  const kitchens = sumBy(plan.allocations, (a) =>
    a.source.kind === 'kitchen' && a.kitchenDate
      ? `${a.source.kitchenOrganisationId}|${a.kitchenDate}`
      : undefined,
  );
  for (const day of [...kitchens.keys()].sort()) {
    const [kitchenId = '', date = ''] = day.split('|');
    const taken = await trx
      .updateTable('kitchen_capacity')
      .set((eb) => ({ allocated: eb('allocated', '+', kitchens.get(day) ?? 0) }))
      .where('kitchen_organisation_id', '=', kitchenId)
      .where('date', '=', date)
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n)
      throw new AllocationConflictError(`kitchen day ${day} is gone`);
  }
  await addToCounters(trx, {
    table: 'open_needs',
    key: 'need_id',
    sums: sumBy(plan.allocations, (a) => a.needId),
    open: sql`status = 'open'`,
    what: 'need',
  });
}

/**
 * Stores a planned run in one transaction: the run's figures, its allocations, the counters
 * they take from (see {@link takeUnits}), the latest reasons of every need left short, and, in
 * the outbox, one `allocation.made` per allocation and one `delivery.ordered` per need and
 * depot. Throws {@link AllocationConflictError} (or the CHECK's error) when another run won.
 */
export async function commitRun(
  trx: Trx,
  options: { summary: AllocationRunSummary; plan: AllocationPlan; today: string },
): Promise<void> {
  const { summary, plan, today } = options;
  await trx
    .insertInto('allocation_runs')
    .values({
      id: summary.runId,
      started_at: summary.startedAt,
      finished_at: summary.finishedAt,
      needs_considered: summary.needsConsidered,
      lots_considered: summary.lotsConsidered,
      allocations: summary.allocations,
      units_allocated: summary.unitsAllocated,
      fill_rate: summary.fillRate,
      fairness_spread: summary.fairnessSpread,
      units_expiring_unallocated: summary.unitsExpiringUnallocated,
      unmet: JSON.stringify(plan.unmet),
    })
    .execute();
  await takeUnits(trx, { plan, today });

  const orders = new Map<
    string,
    { id: string; items: (PlannedAllocation & { allocationId: string })[] }
  >();
  const rows = plan.allocations.map((allocation) => {
    const allocationId = randomUUID();
    const key = `${allocation.needId}|${allocation.source.depotId}`;
    const order = orders.get(key) ?? { id: randomUUID(), items: [] };
    order.items.push({ ...allocation, allocationId });
    orders.set(key, order);
    return {
      id: allocationId,
      run_id: summary.runId,
      need_id: allocation.needId,
      household_id: allocation.householdId,
      source: JSON.stringify(allocation.source),
      lot_id: allocation.source.kind === 'lot' ? allocation.source.lotId : null,
      kitchen_organisation_id:
        allocation.source.kind === 'kitchen' ? allocation.source.kitchenOrganisationId : null,
      kitchen_date: allocation.kitchenDate ?? null,
      quantity: allocation.quantity,
      status: 'ordered',
      reasons: JSON.stringify(allocation.reasons),
    };
  });
  // Batched: a big run stores thousands of allocations in this one transaction.
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx
      .insertInto('allocations')
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
  }
  await emitMany(
    trx,
    allocationMade,
    [...orders.values()].flatMap((order) =>
      order.items.map((allocation) => ({
        allocationId: allocation.allocationId,
        runId: summary.runId,
        needId: allocation.needId,
        householdId: allocation.householdId,
        source: allocation.source,
        quantity: allocation.quantity,
      })),
    ),
  );
  await emitMany(
    trx,
    deliveryOrdered,
    [...orders.values()].flatMap((order) => {
      const [first] = order.items;
      if (!first) return [];
      return [
        {
          orderId: order.id,
          kind: 'delivery' as const,
          householdId: first.householdId,
          districtCode: first.districtCode,
          depotId: first.source.depotId,
          needIds: [first.needId],
          allocations: order.items.map((a) => ({
            allocationId: a.allocationId,
            ...(a.source.kind === 'lot' ? { lotId: a.source.lotId } : {}),
            quantity: a.quantity,
          })),
          items: order.items.map((a) => ({
            category: a.category,
            quantity: a.quantity,
            unit: a.unit,
          })),
          storageClass: first.storageClass,
          deliverBy: first.deliverBy,
          priority: first.priority,
        },
      ];
    }),
  );

  const served = [...new Set(plan.allocations.map((a) => a.needId))];
  for (let i = 0; i < served.length; i += INSERT_BATCH) {
    const batch = served.slice(i, i + INSERT_BATCH);
    await trx.deleteFrom('unmet_needs').where('need_id', 'in', batch).execute();
  }
  const unmet = plan.unmet.map((short) => ({
    need_id: short.needId,
    run_id: summary.runId,
    quantity_missing: short.quantityMissing,
    reasons: JSON.stringify(short.reasons),
  }));
  for (let i = 0; i < unmet.length; i += INSERT_BATCH) {
    await trx
      .insertInto('unmet_needs')
      .values(unmet.slice(i, i + INSERT_BATCH))
      .onConflict((oc) =>
        oc.column('need_id').doUpdateSet((eb) => ({
          run_id: eb.ref('excluded.run_id'),
          quantity_missing: eb.ref('excluded.quantity_missing'),
          reasons: eb.ref('excluded.reasons'),
        })),
      )
      .execute();
  }
}
