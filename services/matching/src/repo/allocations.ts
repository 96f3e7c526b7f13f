import type { Kysely, Transaction } from 'kysely';

import type { Allocation, AllocationRunSummary, UnmetNeed } from '@anbu/contracts';
import { allocationRunSummarySchema, allocationSchema, unmetNeedSchema } from '@anbu/contracts';
import { decodeCursor, toPage } from '@anbu/db';

import type { AllocationRow, AllocationRunRow, MatchingDatabase } from './schema.js';

type Db = Kysely<MatchingDatabase> | Transaction<MatchingDatabase>;

const COLUMNS = [
  'id',
  'run_id',
  'need_id',
  'household_id',
  'source',
  'lot_id',
  'quantity',
  'status',
  'reasons',
  'created_at',
] as const;

function rowToAllocation(row: Pick<AllocationRow, (typeof COLUMNS)[number]>): Allocation {
  return allocationSchema.parse({
    id: row.id,
    runId: row.run_id,
    needId: row.need_id,
    householdId: row.household_id,
    source: row.source,
    quantity: row.quantity,
    status: row.status,
    reasons: row.reasons,
    createdAt: row.created_at.toISOString(),
  });
}

function rowToRun(row: Omit<AllocationRunRow, 'unmet'>): AllocationRunSummary {
  return allocationRunSummarySchema.parse({
    runId: row.id,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at.toISOString(),
    needsConsidered: row.needs_considered,
    lotsConsidered: row.lots_considered,
    allocations: row.allocations,
    unitsAllocated: row.units_allocated,
    fillRate: row.fill_rate,
    fairnessSpread: row.fairness_spread,
    unitsExpiringUnallocated: row.units_expiring_unallocated,
  });
}

/** A page of allocations, filtered. */
export async function listAllocationRows(
  db: Db,
  filter: {
    runId?: string | undefined;
    needId?: string | undefined;
    householdId?: string | undefined;
    lotId?: string | undefined;
    statuses?: readonly string[] | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: Allocation[]; nextCursor?: string }> {
  let query = db
    .selectFrom('allocations')
    .select(COLUMNS)
    .orderBy('id')
    .limit(filter.limit + 1);
  if (filter.runId) query = query.where('run_id', '=', filter.runId);
  if (filter.needId) query = query.where('need_id', '=', filter.needId);
  if (filter.householdId) query = query.where('household_id', '=', filter.householdId);
  if (filter.lotId) query = query.where('lot_id', '=', filter.lotId);
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  const after = decodeCursor(filter.cursor);
  if (after) query = query.where('id', '>', after);
  return toPage(await query.execute(), { limit: filter.limit, map: rowToAllocation });
}

/** A stored run with what it reported unmet, for a retried `allocation.run`. */
export async function findRunResult(
  db: Db,
  runId: string,
): Promise<{ summary: AllocationRunSummary; unmet: UnmetNeed[] } | undefined> {
  const row = await db
    .selectFrom('allocation_runs')
    .select([
      'id',
      'started_at',
      'finished_at',
      'needs_considered',
      'lots_considered',
      'allocations',
      'units_allocated',
      'fill_rate',
      'fairness_spread',
      'units_expiring_unallocated',
      'unmet',
    ])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { summary: rowToRun(row), unmet: unmetNeedSchema.array().parse(row.unmet ?? []) };
}

/** A page of allocation runs, newest first. */
export async function listRunRows(
  db: Db,
  filter: { cursor?: string | undefined; limit: number },
): Promise<{ items: AllocationRunSummary[]; nextCursor?: string }> {
  let query = db
    .selectFrom('allocation_runs')
    .select([
      'id',
      'started_at',
      'finished_at',
      'needs_considered',
      'lots_considered',
      'allocations',
      'units_allocated',
      'fill_rate',
      'fairness_spread',
      'units_expiring_unallocated',
    ])
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  const after = decodeCursor(filter.cursor);
  if (after) {
    // Keyset paging on (started_at, id), newest first: rows strictly after the cursor's run.
    query = query.where((eb) =>
      eb(
        eb.refTuple('started_at', 'id'),
        '<',
        eb
          .selectFrom('allocation_runs as cursor_run')
          .select(['cursor_run.started_at', 'cursor_run.id'])
          .where('cursor_run.id', '=', after)
          .$asTuple('started_at', 'id'),
      ),
    );
  }
  return toPage(await query.execute(), { limit: filter.limit, map: rowToRun });
}
