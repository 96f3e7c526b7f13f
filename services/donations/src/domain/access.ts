import type { Actor } from '@anbu/contracts';

/** City staff who work donations (accept, receive, write off); partners only post and follow. */
export function isDonationsStaff(actor: Actor): boolean {
  if (actor.kind === 'system' || actor.kind === 'service') return true;
  return actor.role === 'admin' || actor.role === 'program_manager' || actor.role === 'dispatcher';
}

/** Whether the actor may read donations of all organisations (staff and auditors). */
export function seesAllOrganisations(actor: Actor): boolean {
  return isDonationsStaff(actor) || actor.role === 'auditor';
}

/**
 * The organisation whose donations the actor may see: `undefined` means all of them. A partner
 * (or an API key) is pinned to its own organisation whatever it asks for.
 */
export function donationScope(actor: Actor, requested: string | undefined): string | undefined {
  if (seesAllOrganisations(actor)) return requested;
  return actor.organisationId ?? '00000000-0000-0000-0000-000000000000';
}

/** Whether the actor may post a donation for its organisation. */
export function canPostDonation(actor: Actor): boolean {
  if (actor.organisationId === undefined) return false;
  if (actor.kind === 'api_key') return true;
  return actor.role === 'partner' || actor.role === 'admin';
}
