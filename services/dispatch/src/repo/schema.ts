import type { ColumnType, Generated, Selectable } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface VehiclesTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
  plate: string | null;
  capacity: Json;
  depot_id: string;
  speed_kmh: number | null;
  range_km: number | null;
  refrigerated: boolean;
  active: Generated<boolean>;
}

export interface CarriersTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
  capacity: Json;
  home_depot_id: string;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  anbu_time_budget_minutes: number | null;
  user_id: string | null;
  vehicle_id: string | null;
  active: Generated<boolean>;
}

export interface ShiftsTable {
  id: string;
  carrier_id: string;
  vehicle_id: string | null;
  date: string;
  window_start: Timestamp;
  window_end: Timestamp;
  start_depot_id: string;
  end_depot_id: string | null;
  anbu_time_budget_minutes: number | null;
  cancelled: Generated<boolean>;
}

/** The tables of the `dispatch` schema. */
export interface DispatchDatabase {
  vehicles: VehiclesTable;
  carriers: CarriersTable;
  shifts: ShiftsTable;
}

export type VehicleRow = Selectable<VehiclesTable>;
export type CarrierRow = Selectable<CarriersTable>;
export type ShiftRow = Selectable<ShiftsTable>;
