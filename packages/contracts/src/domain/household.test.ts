import { describe, expect, it } from 'vitest';

import {
  householdChangesSchema,
  householdPublicSchema,
  householdSchema,
  redactHousehold,
  SENSITIVE_HOUSEHOLD_FIELDS,
} from './household.js';

const household = householdSchema.parse({
  id: crypto.randomUUID(),
  organisationId: crypto.randomUUID(),
  name: '김순자',
  districtCode: '4514069000',
  type: 'elderly_alone',
  riskLevel: 'high',
  memberCount: 1,
  address: { road: '전북 익산시 인북로 10', detail: '2층', postalCode: '54600' },
  location: { lat: 35.95, lng: 126.96 },
  contact: { name: '김순자', phone: '010-1234-5678' },
  dietaryTags: ['soft_food'],
  accessNotes: '계단 많음',
  careNotes: '당뇨',
  preferredWindow: { from: '10:00', to: '12:00' },
  status: 'active',
  createdAt: '2026-11-25T09:00:00+09:00',
  updatedAt: '2026-11-25T09:00:00+09:00',
  version: 1,
});

describe('redactHousehold', () => {
  it('should drop every sensitive field and keep the rest', () => {
    const publicView = redactHousehold(household);
    for (const field of SENSITIVE_HOUSEHOLD_FIELDS) expect(publicView).not.toHaveProperty(field);
    expect(publicView).toMatchObject({
      id: household.id,
      districtCode: '4514069000',
      riskLevel: 'high',
    });
    expect(household).toHaveProperty('careNotes', '당뇨');
  });
});

describe('householdPublicSchema', () => {
  it('should hold exactly the fields that are not sensitive', () => {
    const all = Object.keys(householdSchema.shape).sort();
    const kept = Object.keys(householdPublicSchema.shape);
    expect([...kept, ...SENSITIVE_HOUSEHOLD_FIELDS].sort()).toEqual(all);
  });
});

describe('householdSchema', () => {
  it('should reject a bad phone number and postal code naming the field', () => {
    const result = householdSchema.safeParse({
      ...household,
      contact: { name: 'x', phone: 'call me' },
      address: { road: 'x', postalCode: '123' },
    });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'address.postalCode',
      'contact.phone',
    ]);
  });
});

describe('householdChangesSchema', () => {
  it('should leave absent fields absent instead of filling defaults', () => {
    expect(householdChangesSchema.parse({ riskLevel: 'critical' })).toEqual({
      riskLevel: 'critical',
    });
  });
});
