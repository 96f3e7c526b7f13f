import type { DistrictGroup, DistrictKind } from './data/districts.js';
import type {
  FeatureCollection,
  LatLng,
  LineStringGeometry,
  PolygonGeometry,
} from './geo/types.js';

/** A 읍면동 with its welfare office (행정복지센터). */
export interface DemoDistrict {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly kind: DistrictKind;
  readonly group: DistrictGroup;
  readonly centre: LatLng;
  readonly boundary: PolygonGeometry;
  readonly welfareOffice: { readonly name: string; readonly location: LatLng };
}

export type OrganisationKind =
  | 'city'
  | 'post_office'
  | 'rotary_club'
  | 'food_bank'
  | 'church'
  | 'business'
  | 'community_council';

export interface DemoOrganisation {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly kind: OrganisationKind;
  /** Partner NGOs post donations; the city and the post office run the programs and rounds. */
  readonly isPartner: boolean;
}

export type DepotKind = 'post_office' | 'kitchen' | 'food_bank';

export interface DemoDepot {
  readonly id: string;
  readonly kind: DepotKind;
  readonly name: string;
  readonly nameEn: string;
  readonly organisationId: string;
  readonly districtCode: string;
  readonly location: LatLng;
  readonly address: string;
  /** Storage classes the depot can hold. */
  readonly storage: readonly ('ambient' | 'chilled' | 'frozen')[];
}

export type HouseholdType =
  | 'elderly_alone'
  | 'child_meal_support'
  | 'crisis'
  | 'isolated_single'
  | 'disability'
  | 'low_income_family';

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export type DietaryNote =
  'soft_food' | 'diabetic' | 'low_salt' | 'nut_allergy' | 'halal' | 'vegetarian' | 'lactose_free';

export interface DemoHousehold {
  readonly id: string;
  readonly districtCode: string;
  readonly type: HouseholdType;
  readonly riskLevel: RiskLevel;
  readonly memberCount: number;
  readonly location: LatLng;
  /** Sensitive: the head of household's name, encrypted at rest by the households service. */
  readonly headName: string;
  readonly birthYear: number;
  /** Sensitive: the street address. */
  readonly address: string;
  /** Sensitive: a phone number (fake: 010-0xxx or 063-0xx ranges are unassigned). */
  readonly phone: string;
  readonly dietaryNotes: readonly DietaryNote[];
  /** Program ids the household is enrolled in (empty when no consent is recorded yet). */
  readonly programIds: readonly string[];
  /** Recorded consent, or null for households still waiting for a visit to record it. */
  readonly consent: DemoConsent | null;
}

export type ConsentScope = 'delivery' | 'welfare_check' | 'data_sharing';

export interface DemoConsent {
  readonly recordedAt: string;
  readonly scope: readonly ConsentScope[];
  /** The caseworker user id who recorded it. */
  readonly recordedBy: string;
}

export type DeliveryCadence = 'weekly' | 'twice_monthly' | 'every_three_days';

export interface DemoProgram {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly organisationId: string;
  readonly cadence: DeliveryCadence;
  readonly rounds: number;
  readonly startsOn: string;
}

export type VehicleKind = 'postal_motorbike' | 'van' | 'car' | 'walking';

export type Skill = 'chilled' | 'welfare_check' | 'heavy_goods';

export interface DemoCarrier {
  readonly id: string;
  readonly name: string;
  readonly organisationId: string;
  readonly homeDepotId: string;
  /** The 읍면동 the carrier usually works in. */
  readonly districtCode: string;
  readonly skills: readonly Skill[];
  readonly vehicle: {
    readonly id: string;
    readonly kind: VehicleKind;
    readonly label: string;
    readonly capacity: { readonly boxes: number; readonly kg: number; readonly chilled: number };
    readonly speedKmh: number;
  };
  /** The usual shift, local time `HH:MM`. */
  readonly shift: { readonly start: string; readonly end: string };
}

export type DemoRole =
  'admin' | 'program_manager' | 'caseworker' | 'dispatcher' | 'partner' | 'carrier' | 'auditor';

export interface DemoUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  /** Deterministic from the seed; printed at start, never use outside a demo. */
  readonly password: string;
  readonly roles: readonly DemoRole[];
  readonly organisationId: string;
  readonly districtCodes: readonly string[];
  readonly carrierId?: string;
}

export interface DemoRoad {
  readonly name: string;
  readonly nameEn: string;
  readonly line: LineStringGeometry;
}

/** The whole demo city: plain data, the same for the same seed. */
export interface DemoCity {
  readonly seed: string;
  readonly name: string;
  readonly centre: LatLng;
  readonly districts: readonly DemoDistrict[];
  readonly organisations: readonly DemoOrganisation[];
  readonly depots: readonly DemoDepot[];
  readonly programs: readonly DemoProgram[];
  readonly households: readonly DemoHousehold[];
  readonly carriers: readonly DemoCarrier[];
  readonly users: readonly DemoUser[];
  readonly roads: readonly DemoRoad[];
}

export type DistrictFeatureCollection = FeatureCollection<
  PolygonGeometry,
  { code: string; name: string; nameEn: string; kind: DistrictKind }
>;

export type RoadFeatureCollection = FeatureCollection<
  LineStringGeometry,
  { name: string; nameEn: string }
>;
