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
}

/** The tables of the `matching` schema. */
export interface MatchingDatabase {
  allocation_runs: AllocationRunsTable;
  allocations: AllocationsTable;
  open_needs: OpenNeedsTable;
  stock_lots: StockLotsTable;
}

export type AllocationRow = Selectable<AllocationsTable>;
export type AllocationRunRow = Selectable<AllocationRunsTable>;
