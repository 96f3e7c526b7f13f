import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

import type { IdempotencyKeysTable } from '@anbu/service-kit';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  district_codes: ColumnType<string[], string[] | undefined, string[]>;
  contact_email: string | null;
  contact_phone: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface DistrictsTable {
  code: string;
  name_ko: string;
  name_en: string;
  welfare_office_id: string | null;
  centre_lat: number | null;
  centre_lng: number | null;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  organisation_id: string;
  role: string;
  district_codes: ColumnType<string[], string[] | undefined, string[]>;
  carrier_id: string | null;
  created_at: Timestamp;
}

export interface HouseholdsTable {
  id: string;
  organisation_id: string;
  district_code: string;
  type: string;
  risk_level: string;
  member_count: number;
  dietary_tags: ColumnType<string[], string[] | undefined, string[]>;
  allergens: ColumnType<string[], string[] | undefined, string[]>;
  preferred_from: string | null;
  preferred_to: string | null;
  caseworker_id: string | null;
  /** AES-256-GCM ciphertext of the sensitive fields (see `crypto/field-cipher.ts`). */
  sensitive: string;
  status: Generated<string>;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsentsTable {
  id: string;
  household_id: string;
  scopes: string[];
  given_on: string;
  method: string;
  note: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
}

export interface ProgramsTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
  cadence: ColumnType<unknown, string, string>;
  item_template: ColumnType<unknown, string, string>;
  storage_class: string;
  rounds: number | null;
  starts_on: string;
  ends_on: string | null;
  district_codes: ColumnType<string[], string[] | undefined, string[]>;
  supplier_organisation_id: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface EnrolmentsTable {
  id: string;
  household_id: string;
  program_id: string;
  consent_id: string;
  starts_on: string;
  ends_on: string | null;
  status: string;
  ended_reason: string | null;
  note: string | null;
  enrolled_by: string;
  created_at: Timestamp;
}

export interface NeedsTable {
  id: string;
  household_id: string;
  district_code: string;
  source: string;
  program_id: string | null;
  enrolment_id: string | null;
  cycle_key: string | null;
  line_index: ColumnType<number, number | undefined, number>;
  alert_id: string | null;
  /** The care request a follow-up need takes up (unique). */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
  category: string;
  description: string | null;
  quantity: number;
  unit: string;
  weight_kg: number | null;
  storage_class: string | null;
  deadline: string;
  priority: number;
  status: string;
  note: string | null;
  cancelled_reason: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The tables of the `households` schema. */
export interface HouseholdsDatabase {
  idempotency_keys: IdempotencyKeysTable;
  organisations: OrganisationsTable;
  districts: DistrictsTable;
  memberships: MembershipsTable;
  households: HouseholdsTable;
  consents: ConsentsTable;
  programs: ProgramsTable;
  enrolments: EnrolmentsTable;
  needs: NeedsTable;
}

export type HouseholdRow = Selectable<HouseholdsTable>;
export type NewHouseholdRow = Insertable<HouseholdsTable>;
export type ConsentRow = Selectable<ConsentsTable>;
export type ProgramRow = Selectable<ProgramsTable>;
export type EnrolmentRow = Selectable<EnrolmentsTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type DistrictRow = Selectable<DistrictsTable>;
export type NeedRow = Selectable<NeedsTable>;
