import type { ColumnType, Generated, Selectable } from 'kysely';

import type { IdempotencyKeysTable } from '@anbu/service-kit';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface DepotsTable {
  id: string;
  organisation_id: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  district_code: string;
  storage_classes: string[];
  capacity_boxes: ColumnType<unknown, string | undefined, string>;
  active: Generated<boolean>;
}

export interface DonationsTable {
  id: string;
  organisation_id: string;
  status: string;
  items: Json;
  pickup: Json;
  restrictions: Json;
  note: string | null;
  pickup_slot_id: string | null;
  depot_id: string | null;
  rejected_reason: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DonationHistoryTable {
  seq: Generated<string>;
  donation_id: string;
  status: string;
  at: Timestamp;
  by_kind: string;
  by_id: string;
  note: string | null;
}

export interface LotsTable {
  id: string;
  depot_id: string;
  donation_id: string | null;
  organisation_id: string | null;
  category: string;
  description: string | null;
  unit: string;
  storage_class: string;
  expires_on: string | null;
  restrictions: Json;
  quantity_received: number;
  quantity_available: number;
  quantity_allocated: Generated<number>;
  quantity_delivered: Generated<number>;
  quantity_written_off: Generated<number>;
  status: string;
  received_at: Timestamp;
}

export interface LotAllocationsTable {
  allocation_id: string;
  lot_id: string;
  quantity: number;
  order_id: string | null;
  /** `ordered`, `delivered`, `released` or `refused`. */
  status: string;
  /** The lot holds this allocation's units (its `allocation.made` was applied). */
  units_held: Generated<boolean>;
  /** Why the lot could not hold its units (`allocation.refused`), if it could not. */
  refused_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeliveryOrdersTable {
  order_id: string;
  delivered_at: Date | null;
}

/** The tables of the `donations` schema. */
export interface DonationsDatabase {
  idempotency_keys: IdempotencyKeysTable;
  depots: DepotsTable;
  donations: DonationsTable;
  donation_history: DonationHistoryTable;
  lots: LotsTable;
  lot_allocations: LotAllocationsTable;
  delivery_orders: DeliveryOrdersTable;
}

export type DepotRow = Selectable<DepotsTable>;
export type DonationRow = Selectable<DonationsTable>;
export type HistoryRow = Selectable<DonationHistoryTable>;
export type LotRow = Selectable<LotsTable>;
