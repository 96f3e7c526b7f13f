import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';

import type { AllocationRunSummary } from '@anbu/contracts';
import { emit } from '@anbu/bus/outbox';
import { allocationMade, deliveryOrdered } from '@anbu/contracts/events';

import type { AllocationPlan, PlannedAllocation } from '../domain/plan-inputs.js';
import type { MatchingDatabase } from './schema.js';
import { AllocationConflictError } from '../errors.js';

type Trx = Transaction<MatchingDatabase>;

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
 * Adds the plan's units to the counters of its lots, kitchen days and needs, in one global
 * order (lots, kitchen days, needs; each by id) so that racing runs queue instead of
 * deadlocking. The CHECK constraints refuse any sum above what a row holds; a row that is no
 * longer open (expired lot, cancelled need) counts as a conflict too.
 */
async function takeUnits(trx: Trx, options: { plan: AllocationPlan; today: string }) {
  const { plan, today } = options;
  const lots = sumBy(plan.allocations, (a) =>
    a.source.kind === 'lot' ? a.source.lotId : undefined,
  );
  for (const lotId of [...lots.keys()].sort()) {
    const taken = await trx
      .updateTable('stock_lots')
      .set((eb) => ({ allocated: eb('allocated', '+', lots.get(lotId) ?? 0) }))
      .where('lot_id', '=', lotId)
      .where('status', '=', 'in_stock')
      .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n)
      throw new AllocationConflictError(`lot ${lotId} is no longer in stock`);
  }
  const kitchens = sumBy(plan.allocations, (a) =>
    a.source.kind === 'kitchen' && a.kitchenDate
      ? `${a.source.kitchenOrganisationId}|${a.kitchenDate}`
      : undefined,
  );
  for (const key of [...kitchens.keys()].sort()) {
    const [kitchenId = '', date = ''] = key.split('|');
    const taken = await trx
      .updateTable('kitchen_capacity')
      .set((eb) => ({ allocated: eb('allocated', '+', kitchens.get(key) ?? 0) }))
      .where('kitchen_organisation_id', '=', kitchenId)
      .where('date', '=', date)
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n)
      throw new AllocationConflictError(`kitchen day ${key} is gone`);
  }
  const needs = sumBy(plan.allocations, (a) => a.needId);
  for (const needId of [...needs.keys()].sort()) {
    const taken = await trx
      .updateTable('open_needs')
      .set((eb) => ({ allocated: eb('allocated', '+', needs.get(needId) ?? 0) }))
      .where('need_id', '=', needId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (taken.numUpdatedRows === 0n)
      throw new AllocationConflictError(`need ${needId} is no longer open`);
  }
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
  for (const allocation of plan.allocations) {
    const allocationId = randomUUID();
    await trx
      .insertInto('allocations')
      .values({
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
      })
      .execute();
    await emit(trx, allocationMade, {
      allocationId,
      runId: summary.runId,
      needId: allocation.needId,
      householdId: allocation.householdId,
      source: allocation.source,
      quantity: allocation.quantity,
    });
    const key = `${allocation.needId}|${allocation.source.depotId}`;
    const order = orders.get(key) ?? { id: randomUUID(), items: [] };
    order.items.push({ ...allocation, allocationId });
    orders.set(key, order);
  }
  for (const order of orders.values()) {
    const [first] = order.items;
    if (!first) continue;
    await emit(trx, deliveryOrdered, {
      orderId: order.id,
      kind: 'delivery',
      householdId: first.householdId,
      districtCode: first.districtCode,
      depotId: first.source.depotId,
      needIds: [first.needId],
      allocations: order.items.map((a) => ({
        allocationId: a.allocationId,
        ...(a.source.kind === 'lot' ? { lotId: a.source.lotId } : {}),
        quantity: a.quantity,
      })),
      items: order.items.map((a) => ({ category: a.category, quantity: a.quantity, unit: a.unit })),
      storageClass: first.storageClass,
      deliverBy: first.deliverBy,
      priority: first.priority,
    });
  }

  const served = [...new Set(plan.allocations.map((a) => a.needId))];
  if (served.length > 0)
    await trx.deleteFrom('unmet_needs').where('need_id', 'in', served).execute();
  for (const short of plan.unmet) {
    const values = {
      run_id: summary.runId,
      quantity_missing: short.quantityMissing,
      reasons: JSON.stringify(short.reasons),
    };
    await trx
      .insertInto('unmet_needs')
      .values({ need_id: short.needId, ...values })
      .onConflict((oc) => oc.column('need_id').doUpdateSet(values))
      .execute();
  }
}
