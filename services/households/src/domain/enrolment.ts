import type { Consent } from '@anbu/contracts';

/** Why an enrolment may not be made, with the field a form should point at. */
export interface EnrolmentRefusal {
  readonly field: string;
  readonly message: string;
}

/**
 * Picks the consent that allows enrolling a household: the newest one not withdrawn whose
 * scopes include `delivery`, given on or before the start day. No consent, no enrolment.
 */
export function consentForEnrolment(options: {
  consents: readonly Consent[];
  startsOn: string;
}): { ok: true; consent: Consent } | { ok: false; refusal: EnrolmentRefusal } {
  const live = options.consents
    .filter((c) => c.withdrawnAt === undefined && c.scopes.includes('delivery'))
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  if (live.length === 0) {
    return {
      ok: false,
      refusal: {
        field: 'consent',
        message: 'no recorded consent with scope "delivery": record the household\'s consent first',
      },
    };
  }
  const valid = live.find((c) => c.givenOn <= options.startsOn);
  if (valid === undefined) {
    return {
      ok: false,
      refusal: { field: 'startsOn', message: 'the enrolment starts before consent was given' },
    };
  }
  return { ok: true, consent: valid };
}

/** Whether a start/end pair is in order (an end, when given, on or after the start). */
export function checkEnrolmentDates(
  startsOn: string,
  endsOn: string | undefined,
): EnrolmentRefusal | undefined {
  if (endsOn !== undefined && endsOn < startsOn) {
    return { field: 'endsOn', message: 'endsOn must not be before startsOn' };
  }
  return undefined;
}
