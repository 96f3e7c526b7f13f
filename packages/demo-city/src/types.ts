import type {
  Allergen,
  Cadence,
  CarrierKind,
  CarrierSkill,
  ConsentMethod,
  ConsentScope,
  DietaryTag,
  HouseholdType,
  ItemLine,
  OrganisationKind,
  ProgramKind,
  RiskLevel,
  Role,
  StorageClass,
  VehicleKind,
} from '@anbu/contracts';

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
  /** The district's 행정복지센터, an organisation of kind `welfare_office`. */
  readonly welfareOffice: { readonly id: string; readonly name: string; readonly location: LatLng };
}

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
  readonly storage: readonly StorageClass[];
}

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
  /** Sensitive: the street address (도로명 주소, unit, postal code). */
  readonly address: {
    readonly road: string;
    readonly detail?: string;
    readonly postalCode: string;
  };
  /** Sensitive: a phone number (fake: 010-0xxx or 063-0xx ranges are unassigned). */
  readonly phone: string;
  readonly dietaryTags: readonly DietaryTag[];
  readonly allergens: readonly Allergen[];
  /** Program ids the household is enrolled in (empty when no consent is recorded yet). */
  readonly programIds: readonly string[];
  /** Recorded consent, or null for households still waiting for a visit to record it. */
  readonly consent: DemoConsent | null;
}

export interface DemoConsent {
  readonly id: string;
  /** The day consent was given (Asia/Seoul). */
  readonly givenOn: string;
  readonly recordedAt: string;
  readonly method: ConsentMethod;
  readonly scopes: readonly ConsentScope[];
  /** The caseworker user id who recorded it. */
  readonly recordedBy: string;
}

export interface DemoProgram {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly organisationId: string;
  readonly kind: ProgramKind;
  readonly cadence: Cadence;
  readonly itemTemplate: readonly ItemLine[];
  readonly storageClass: StorageClass;
  readonly rounds: number;
  readonly startsOn: string;
}

export interface DemoCarrier {
  readonly id: string;
  readonly name: string;
  readonly organisationId: string;
  readonly homeDepotId: string;
  /** The 읍면동 the carrier usually works in. */
  readonly districtCode: string;
  readonly kind: CarrierKind;
  readonly skills: readonly CarrierSkill[];
  readonly vehicle: {
    readonly id: string;
    readonly kind: VehicleKind;
    readonly label: string;
    readonly capacity: {
      readonly boxes: number;
      readonly kg: number;
      readonly chilledBoxes: number;
    };
    readonly refrigerated: boolean;
    readonly speedKmh: number;
  };
  /** The usual shift, local time `HH:MM`. */
  readonly shift: { readonly start: string; readonly end: string };
}

export interface DemoUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  /** Deterministic from the seed; printed at start, never use outside a demo. */
  readonly password: string;
  readonly roles: readonly Role[];
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
