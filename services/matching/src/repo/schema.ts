import type { ColumnType, Selectable } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AllocationRunsTable {
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  needs_considered: number;
  lots_considered: number;
  allocations: number;
  units_allocated: number;
  fill_rate: number;
  fairness_spread: number;
  units_expiring_unallocated: number;
  /** The unmet needs the run reported (see `allocation.run`'s output). */
  unmet: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface AllocationsTable {
  id: string;
  run_id: string;
  need_id: string;
  household_id: string;
  source: Json;
  /** Copied out of `source` for lookups by lot. */
  lot_id: string | null;
  quantity: number;
  status: string;
  reasons: Json;
  created_at: Timestamp;
  kitchen_organisation_id: string | null;
  kitchen_date: string | null;
}

export interface OpenNeedsTable {
  need_id: string;
  household_id: string;
  district_code: string;
  category: string;
  quantity: number;
  unit: string;
  storage_class: string | null;
  deadline: string;
  priority: number;
  status: string;
  event_id: string;
  /** Units promised so far (CHECK: ≤ quantity). */
  allocated: ColumnType<number, number | undefined, number>;
  /** The Seoul day the need was filed (waiting time counts from it). */
  filed_on: string | null;
}

export interface StockLotsTable {
  lot_id: string;
  depot_id: string;
  category: string;
  unit: string;
  quantity: number;
  storage_class: string;
  expires_on: string | null;
  restrictions: Json;
  status: string;
  event_id: string;
  /** Units promised so far (CHECK: ≤ quantity). */
  allocated: ColumnType<number, number | undefined, number>;
  /** Written-off units still counted in `quantity` because allocations held them. */
  units_short: ColumnType<number, number | undefined, number>;
}

export interface KitchenCapacityTable {
  kitchen_organisation_id: string;
  date: string;
  depot_id: string;
  category: string;
  storage_class: string;
  boxes: number;
  /** Boxes promised so far (CHECK: ≤ boxes). */
  allocated: ColumnType<number, number | undefined, number>;
}

/** The latest explanation of a need the last run left (partly) unmet. */
export interface UnmetNeedsTable {
  need_id: string;
  run_id: string;
  quantity_missing: number;
  reasons: Json;
}

/** A need cancelled in households, recorded even before its `need.created` arrives. */
export interface CancelledNeedsTable {
  need_id: string;
  event_id: string;
}

/** The tables of the `matching` schema. */
export interface MatchingDatabase {
  allocation_runs: AllocationRunsTable;
  allocations: AllocationsTable;
  cancelled_needs: CancelledNeedsTable;
  kitchen_capacity: KitchenCapacityTable;
  open_needs: OpenNeedsTable;
  stock_lots: StockLotsTable;
  unmet_needs: UnmetNeedsTable;
}

export type AllocationRow = Selectable<AllocationsTable>;
export type AllocationRunRow = Selectable<AllocationRunsTable>;
export type OpenNeedRow = Selectable<OpenNeedsTable>;
export type StockLotRow = Selectable<StockLotsTable>;
export type KitchenCapacityRow = Selectable<KitchenCapacityTable>;
