import { describe, expect, it } from 'vitest';

import type { Consent } from '@anbu/contracts';

import { checkEnrolmentDates, consentForEnrolment } from './enrolment.js';

const consent = (overrides: Partial<Consent> = {}): Consent => ({
  id: '11111111-1111-4111-8111-111111111111',
  householdId: '22222222-2222-4222-8222-222222222222',
  scopes: ['delivery'],
  givenOn: '2026-11-01',
  method: 'written',
  recordedBy: '33333333-3333-4333-8333-333333333333',
  recordedAt: '2026-11-01T01:00:00.000Z',
  ...overrides,
});

describe('consentForEnrolment', () => {
  it('should refuse without any consent, naming the consent field', () => {
    const result = consentForEnrolment({ consents: [], startsOn: '2026-12-01' });
    expect(result).toMatchObject({ ok: false, refusal: { field: 'consent' } });
  });

  it('should ignore withdrawn consents and consents without delivery scope', () => {
    const result = consentForEnrolment({
      consents: [
        consent({ withdrawnAt: '2026-11-10T00:00:00.000Z' }),
        consent({ scopes: ['data_sharing'] }),
      ],
      startsOn: '2026-12-01',
    });
    expect(result.ok).toBe(false);
  });

  it('should refuse a start before the consent was given, naming startsOn', () => {
    const result = consentForEnrolment({ consents: [consent()], startsOn: '2026-10-01' });
    expect(result).toMatchObject({ ok: false, refusal: { field: 'startsOn' } });
  });

  it('should pick the newest live delivery consent', () => {
    const newer = consent({
      id: '44444444-4444-4444-8444-444444444444',
      recordedAt: '2026-11-05T00:00:00.000Z',
    });
    const result = consentForEnrolment({ consents: [consent(), newer], startsOn: '2026-12-01' });
    expect(result).toMatchObject({ ok: true, consent: { id: newer.id } });
  });
});

describe('checkEnrolmentDates', () => {
  it('should refuse an end before the start, naming endsOn', () => {
    expect(checkEnrolmentDates('2026-12-01', '2026-11-01')?.field).toBe('endsOn');
    expect(checkEnrolmentDates('2026-12-01', undefined)).toBeUndefined();
  });
});
