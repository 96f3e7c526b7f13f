import { describe, expect, it } from 'vitest';

import type { HouseholdDraft } from './household-draft.js';
import { parseHouseholdDraft, parseNeedDraft } from './household-draft.js';

const today = '2026-11-26';
const draft: HouseholdDraft = {
  name: '김순자',
  type: 'elderly_alone',
  riskLevel: 'high',
  memberCount: '1',
  districtCode: '5214057000',
  road: '전북 익산시 중앙로 10',
  detail: '2층',
  postalCode: '54600',
  location: { lat: 35.94, lng: 126.95 },
  contactName: '김순자',
  phone: '010-1234-5678',
  relation: 'self',
  accessNotes: '',
  consentScopes: ['delivery', 'sensitive_data'],
  consentGivenOn: today,
  consentMethod: 'written',
  programId: '00000000-0000-4000-8000-000000000001',
  startsOn: today,
};

describe('parseHouseholdDraft', () => {
  it('should build the household with its consent and the enrolment', () => {
    const result = parseHouseholdDraft(draft, { today });
    expect(result).toMatchObject({
      ok: true,
      request: {
        household: {
          name: '김순자',
          memberCount: 1,
          address: { road: '전북 익산시 중앙로 10', detail: '2층', postalCode: '54600' },
          contact: { phone: '010-1234-5678', relation: 'self' },
          consent: { scopes: ['delivery', 'sensitive_data'], givenOn: today, method: 'written' },
        },
        startsOn: today,
      },
    });
  });

  it('should name every bad field by the path the gateway uses', () => {
    const result = parseHouseholdDraft(
      {
        ...draft,
        name: ' ',
        memberCount: '0',
        postalCode: '123',
        phone: 'abc',
        consentScopes: ['sensitive_data'],
        consentGivenOn: '2026-12-01',
        location: undefined,
      },
      { today },
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'required',
        memberCount: 'memberCount',
        'address.postalCode': 'postalCode',
        location: 'required',
        'contact.phone': 'phone',
        'consent.scopes': 'consentDelivery',
        'consent.givenOn': 'futureDate',
        startsOn: 'startBeforeConsent',
      },
    });
  });
});

describe('parseNeedDraft', () => {
  const need = {
    householdId: 'h1',
    category: 'bedding',
    quantity: '2',
    unit: 'piece',
    deadline: '2026-11-30',
    priority: '50',
    note: ' 겨울 이불 ',
  } as const;

  it('should build the need', () => {
    expect(parseNeedDraft(need, { today })).toEqual({
      ok: true,
      input: {
        householdId: 'h1',
        category: 'bedding',
        quantity: 2,
        unit: 'piece',
        deadline: '2026-11-30',
        priority: 50,
        note: '겨울 이불',
      },
    });
  });

  it('should refuse a missing household, a fractional quantity and a past deadline', () => {
    expect(
      parseNeedDraft(
        { ...need, householdId: '', quantity: '1.5', deadline: '2026-11-01' },
        { today },
      ),
    ).toEqual({
      ok: false,
      errors: { householdId: 'required', quantity: 'quantity', deadline: 'pastDate' },
    });
  });
});
