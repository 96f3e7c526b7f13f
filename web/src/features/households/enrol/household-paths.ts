import type { koHouseholds } from '../../../i18n/ko/households.js';

/** A field of the enrolment form, as its label and error keys name it. */
export type FieldKey = keyof typeof koHouseholds.fields;

/** Gateway paths (and ours) → the form's field names. */
export const FIELD_OF: Readonly<Record<string, FieldKey>> = {
  name: 'name',
  type: 'type',
  riskLevel: 'riskLevel',
  memberCount: 'memberCount',
  districtCode: 'districtCode',
  'address.road': 'road',
  'address.detail': 'detail',
  'address.postalCode': 'postalCode',
  location: 'location',
  'location.lat': 'location',
  'location.lng': 'location',
  'contact.name': 'contactName',
  'contact.phone': 'phone',
  'contact.relation': 'relation',
  accessNotes: 'accessNotes',
  'consent.scopes': 'consentScopes',
  'consent.givenOn': 'consentGivenOn',
  'consent.method': 'consentMethod',
  programId: 'programId',
  startsOn: 'startsOn',
};

/** Draft fields whose gateway path differs from their name. */
export const PATH_OF: Readonly<Partial<Record<string, string>>> = {
  road: 'address.road',
  detail: 'address.detail',
  postalCode: 'address.postalCode',
  contactName: 'contact.name',
  phone: 'contact.phone',
  relation: 'contact.relation',
  consentScopes: 'consent.scopes',
  consentGivenOn: 'consent.givenOn',
  consentMethod: 'consent.method',
};

/** The gateway paths a change to these draft fields clears the problems of. */
export function editedPaths(change: object): Set<string> {
  return new Set(Object.keys(change).map((key) => PATH_OF[key] ?? key));
}
