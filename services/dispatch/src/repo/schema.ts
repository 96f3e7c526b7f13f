import type { ColumnType, Generated, Selectable } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in when the insert leaves it out. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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
  district_code: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DeliveryOrdersTable {
  id: string;
  kind: string;
  household_id: string | null;
  district_code: string;
  status: string;
  deliver_by: string;
  priority: number;
  attempts: Generated<number>;
  details: Json;
  created_at: DefaultedTimestamp;
}

export interface PlanningRunsTable {
  id: string;
  date: string;
  district_codes: ColumnType<string[], string[] | undefined, string[]>;
  time_limit_seconds: number;
  status: string;
  progress: Json;
  notes: ColumnType<unknown, string | undefined, string>;
  /** Empty while queued: the runner that claims the run gathers its problem. */
  input: ColumnType<unknown, string | null | undefined, string | null>;
  base_plan_id: ColumnType<string | null, string | null | undefined, string | null>;
  plan_id: string | null;
  error: string | null;
  attempts: Generated<number>;
  cancel_requested: Generated<boolean>;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  requested_by: string;
  created_at: DefaultedTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface PlansTable {
  id: string;
  run_id: string;
  date: string;
  status: string;
  unassigned: Json;
  total_distance_meters: ColumnType<string | number, number, number>;
  total_duration_seconds: ColumnType<string | number, number, number>;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  published_at: Timestamp | null;
  published_by: string | null;
}

export interface PlanRoutesTable {
  plan_id: string;
  route_id: string;
  position: number;
  carrier_id: string;
  stop_ids: ColumnType<string[], string[], string[]>;
  route: Json;
}

export interface PickupBookingsTable {
  donation_id: string;
  slot_id: string;
  depot_id: string;
  booked_at: Timestamp;
}

export interface AllocationMarksTable {
  allocation_id: string;
  order_id: string | null;
  released_quantity: number | null;
  updated_at: Timestamp;
}

/** The tables of the `dispatch` schema. */
export interface DispatchDatabase {
  vehicles: VehiclesTable;
  carriers: CarriersTable;
  shifts: ShiftsTable;
  delivery_orders: DeliveryOrdersTable;
  planning_runs: PlanningRunsTable;
  plans: PlansTable;
  plan_routes: PlanRoutesTable;
  pickup_bookings: PickupBookingsTable;
  allocation_marks: AllocationMarksTable;
}

export type VehicleRow = Selectable<VehiclesTable>;
export type CarrierRow = Selectable<CarriersTable>;
export type ShiftRow = Selectable<ShiftsTable>;
export type DeliveryOrderRow = Selectable<DeliveryOrdersTable>;
export type PlanningRunRow = Selectable<PlanningRunsTable>;
export type PlanRow = Selectable<PlansTable>;
