import type { Actor } from '@anbu/contracts';

/** Which districts an actor may see households of: every district, or only some. */
export type DistrictScope =
  { readonly kind: 'all' } | { readonly kind: 'some'; readonly codes: ReadonlySet<string> };

/**
 * The district scope of an actor. Admins, program managers and auditors see every district;
 * caseworkers and dispatchers their own; services and the system act for the whole city;
 * partners and carriers see no household through these lists.
 */
export function districtScope(actor: Actor): DistrictScope {
  if (actor.kind === 'system' || actor.kind === 'service') return { kind: 'all' };
  switch (actor.role) {
    case 'admin':
    case 'program_manager':
    case 'auditor':
      return { kind: 'all' };
    case 'caseworker':
    case 'dispatcher':
      return { kind: 'some', codes: new Set(actor.districtCodes) };
    case 'partner':
    case 'carrier':
    case undefined:
      return { kind: 'some', codes: new Set() };
  }
}

/** Whether the actor may see households of `districtCode`. */
export function canSeeDistrict(actor: Actor, districtCode: string): boolean {
  const scope = districtScope(actor);
  return scope.kind === 'all' || scope.codes.has(districtCode);
}

/** The requested districts the actor may not see (empty when all are allowed). */
export function forbiddenDistricts(actor: Actor, requested: readonly string[]): string[] {
  return requested.filter((code) => !canSeeDistrict(actor, code));
}

/** Whether the actor may change households (register, update, consent, enrol). */
export function canManageHouseholds(actor: Actor): boolean {
  if (actor.kind === 'system' || actor.kind === 'service') return true;
  return actor.role === 'admin' || actor.role === 'caseworker' || actor.role === 'program_manager';
}
