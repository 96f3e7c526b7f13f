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
  origin: ColumnType<string, string | undefined, string>;
  visit_due_at: Timestamp | null;
  visit_request_id: string | null;
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

export interface ObservationsTable {
  id: string;
  household_id: string;
  kind: string;
  severity: string | null;
  source: string;
  visit_report_id: string | null;
  signal_id: string | null;
  stop_id: string | null;
  observed_at: Timestamp;
}

export interface ContactsTable {
  stop_id: string;
  household_id: string;
  carrier_id: string;
  outcome: string;
  at: Timestamp;
}

export interface SignalsTable {
  id: string;
  household_id: string;
  source: string;
  kind: string;
  observed_at: Timestamp;
  external_id: string | null;
  note: string | null;
  state: string;
  retries: ColumnType<number, number | undefined, number>;
  alert_id: string | null;
  episode_id: string | null;
  received_at: Timestamp;
  sent_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SignalEpisodesTable {
  id: string;
  household_id: string;
  source: string;
  kind: string;
  state: string;
  misses: number;
  first_at: Timestamp;
  last_at: Timestamp;
  alert_at: Timestamp;
  alert_id: string | null;
}

export interface NotificationsTable {
  id: string;
  channel: string;
  recipient_user_id: string | null;
  recipient_role: string | null;
  district_code: string | null;
  template: string;
  alert_id: string | null;
  subject: string;
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** The tables of the `care` schema. */
export interface CareDatabase {
  alerts: AlertsTable;
  visit_reports: VisitReportsTable;
  household_districts: HouseholdDistrictsTable;
  observations: ObservationsTable;
  contacts: ContactsTable;
  signals: SignalsTable;
  signal_episodes: SignalEpisodesTable;
  notifications: NotificationsTable;
}

export type AlertRow = Selectable<AlertsTable>;
export type VisitReportRow = Selectable<VisitReportsTable>;
export type ObservationRow = Selectable<ObservationsTable>;
export type SignalRow = Selectable<SignalsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
