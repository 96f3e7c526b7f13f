import type {
  ConsentMethod,
  ConsentScope,
  HouseholdInput,
  HouseholdType,
  ItemCategory,
  ItemUnit,
  RiskLevel,
} from '@anbu/contracts';

/** The enrolment form's state (text as typed). */
export interface HouseholdDraft {
  readonly name: string;
  readonly type: HouseholdType;
  readonly riskLevel: RiskLevel;
  readonly memberCount: string;
  readonly districtCode: string;
  readonly road: string;
  readonly detail: string;
  readonly postalCode: string;
  /** Where the door is, picked on the map (the district's centre until then). */
  readonly location: { readonly lat: number; readonly lng: number } | undefined;
  readonly contactName: string;
  readonly phone: string;
  readonly relation: 'self' | 'family' | 'guardian' | 'neighbour' | 'other';
  readonly accessNotes: string;
  readonly consentScopes: readonly ConsentScope[];
  readonly consentGivenOn: string;
  readonly consentMethod: ConsentMethod;
  readonly programId: string;
  readonly startsOn: string;
}

/** Why a field is wrong (a key of `households.errors`). */
export type HouseholdProblem =
  | 'required'
  | 'memberCount'
  | 'postalCode'
  | 'phone'
  | 'consentDelivery'
  | 'futureDate'
  | 'startBeforeConsent';

/** Problems by field path, the paths the gateway's field errors use (`contact.phone`, …). */
export type HouseholdErrors = Readonly<Record<string, HouseholdProblem>>;

const PHONE = /^\+?[0-9][0-9 -]{6,19}$/;

/** What the form sends: the household with its consent, then its enrolment. */
export interface EnrolmentRequest {
  readonly household: HouseholdInput & {
    consent: { scopes: ConsentScope[]; givenOn: string; method: ConsentMethod };
  };
  readonly programId: string;
  readonly startsOn: string;
}

/**
 * Checks the draft as households will (required fields, 1–30 members, a 5-digit postal code, a
 * phone number, a consent to delivery given no later than today, enrolment starting on or after
 * the consent) and builds the requests. Paths name the field the caseworker must fix.
 */
export function parseHouseholdDraft(
  draft: HouseholdDraft,
  { today }: { today: string },
): { ok: true; request: EnrolmentRequest } | { ok: false; errors: HouseholdErrors } {
  const errors: Record<string, HouseholdProblem> = {};
  const name = draft.name.trim();
  if (name === '') errors['name'] = 'required';
  const members = draft.memberCount.trim();
  if (!/^\d+$/.test(members) || Number(members) < 1 || Number(members) > 30)
    errors['memberCount'] = 'memberCount';
  if (draft.districtCode === '') errors['districtCode'] = 'required';
  if (draft.road.trim() === '') errors['address.road'] = 'required';
  const postal = draft.postalCode.trim();
  if (postal !== '' && !/^\d{5}$/.test(postal)) errors['address.postalCode'] = 'postalCode';
  if (!draft.location) errors['location'] = 'required';
  if (draft.contactName.trim() === '') errors['contact.name'] = 'required';
  const phone = draft.phone.trim();
  if (phone === '') errors['contact.phone'] = 'required';
  else if (!PHONE.test(phone)) errors['contact.phone'] = 'phone';
  if (!draft.consentScopes.includes('delivery')) errors['consent.scopes'] = 'consentDelivery';
  if (draft.consentGivenOn === '') errors['consent.givenOn'] = 'required';
  else if (draft.consentGivenOn > today) errors['consent.givenOn'] = 'futureDate';
  if (draft.programId === '') errors['programId'] = 'required';
  if (draft.startsOn === '') errors['startsOn'] = 'required';
  else if (draft.consentGivenOn !== '' && draft.startsOn < draft.consentGivenOn)
    errors['startsOn'] = 'startBeforeConsent';
  if (Object.keys(errors).length > 0 || !draft.location) return { ok: false, errors };

  const detail = draft.detail.trim();
  const accessNotes = draft.accessNotes.trim();
  return {
    ok: true,
    request: {
      household: {
        name,
        districtCode: draft.districtCode,
        type: draft.type,
        riskLevel: draft.riskLevel,
        memberCount: Number(members),
        address: {
          road: draft.road.trim(),
          ...(detail ? { detail } : {}),
          ...(postal ? { postalCode: postal } : {}),
        },
        location: draft.location,
        contact: { name: draft.contactName.trim(), phone, relation: draft.relation },
        dietaryTags: [],
        allergens: [],
        ...(accessNotes ? { accessNotes } : {}),
        consent: {
          scopes: [...draft.consentScopes],
          givenOn: draft.consentGivenOn,
          method: draft.consentMethod,
        },
      },
      programId: draft.programId,
      startsOn: draft.startsOn,
    },
  };
}

/** The ad-hoc need form's state. */
export interface NeedDraft {
  readonly householdId: string;
  readonly category: ItemCategory;
  readonly quantity: string;
  readonly unit: ItemUnit;
  readonly deadline: string;
  readonly priority: string;
  readonly note: string;
}

/** Why a need field is wrong. */
export type NeedProblem = 'required' | 'quantity' | 'pastDate';

/** Checks an ad-hoc need (a household, a whole quantity, a deadline from today) and builds it. */
export function parseNeedDraft(
  draft: NeedDraft,
  { today }: { today: string },
):
  | {
      ok: true;
      input: {
        householdId: string;
        category: ItemCategory;
        quantity: number;
        unit: ItemUnit;
        deadline: string;
        priority: number;
        note?: string;
      };
    }
  | { ok: false; errors: Readonly<Record<string, NeedProblem>> } {
  const errors: Record<string, NeedProblem> = {};
  if (draft.householdId === '') errors['householdId'] = 'required';
  const quantity = draft.quantity.trim();
  if (quantity === '') errors['quantity'] = 'required';
  else if (!/^\d+$/.test(quantity) || Number(quantity) < 1) errors['quantity'] = 'quantity';
  if (draft.deadline === '') errors['deadline'] = 'required';
  else if (draft.deadline < today) errors['deadline'] = 'pastDate';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const note = draft.note.trim();
  return {
    ok: true,
    input: {
      householdId: draft.householdId,
      category: draft.category,
      quantity: Number(quantity),
      unit: draft.unit,
      deadline: draft.deadline,
      priority: Number(draft.priority) || 0,
      ...(note ? { note } : {}),
    },
  };
}
