import type { Consent, ConsentScope } from '@anbu/contracts';

import type { EnrolmentRefusal } from './enrolment.js';

/** The consent facts a gate looks at. */
export type ConsentFacts = Pick<Consent, 'scopes'> & { readonly withdrawnAt?: string | undefined };

/** Whether some consent that is not withdrawn covers `scope`. */
export function hasLiveScope(consents: readonly ConsentFacts[], scope: ConsentScope): boolean {
  return consents.some((c) => c.withdrawnAt === undefined && c.scopes.includes(scope));
}

/**
 * Health and crisis notes (`careNotes`) are sensitive data under PIPA: they may be kept only with
 * the separate `sensitive_data` consent. Returns the refusal naming `careNotes`, or undefined.
 */
export function careNotesRefusal(options: {
  careNotes: string | undefined;
  consents: readonly ConsentFacts[];
}): EnrolmentRefusal | undefined {
  if (options.careNotes === undefined || options.careNotes.trim() === '') return undefined;
  if (hasLiveScope(options.consents, 'sensitive_data')) return undefined;
  return {
    field: 'careNotes',
    message:
      'health or crisis notes need the separate "sensitive_data" consent: record it first, or leave careNotes empty',
  };
}

/**
 * New needs are filed only for a household with a live `delivery` consent: a withdrawn consent
 * stops new needs. Returns the refusal naming `consent`, or undefined.
 */
export function newNeedRefusal(consents: readonly ConsentFacts[]): EnrolmentRefusal | undefined {
  if (hasLiveScope(consents, 'delivery')) return undefined;
  return {
    field: 'consent',
    message: 'the household has no live consent with scope "delivery": no new needs without it',
  };
}
