import type { ColumnType, Selectable } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface AlertsTable {
  id: string;
  household_id: string;
  district_code: string;
  severity: string;
  severity_rank: number;
  status: string;
  reason: string;
  summary: string;
  observation_ids: ColumnType<string[], string[] | undefined, string[]>;
  raised_at: Timestamp;
  ack_deadline: Timestamp;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  escalation_level: ColumnType<number, number | undefined, number>;
  escalated_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
  resolution_note: string | null;
  follow_up_request_id: string | null;
}

export interface VisitReportsTable {
  id: string;
  stop_id: string;
  household_id: string;
  carrier_id: string;
  visited_at: Timestamp;
  checklist: Json;
  meal_feedback: Json | null;
  note: string | null;
  position_lat: number | null;
  position_lng: number | null;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface HouseholdDistrictsTable {
  household_id: string;
  district_code: string;
  version: number;
}

/** The tables of the `care` schema. */
export interface CareDatabase {
  alerts: AlertsTable;
  visit_reports: VisitReportsTable;
  household_districts: HouseholdDistrictsTable;
}

export type AlertRow = Selectable<AlertsTable>;
