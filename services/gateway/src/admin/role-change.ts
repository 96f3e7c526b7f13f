import type { RoleLink } from '@anbu/contracts';

/** A role link in one line, for the audit trail: `caseworker @ <org> [districts] carrier <id>`. */
export function describeLink(link: RoleLink): string {
  const districts = link.districtCodes.length > 0 ? ` [${link.districtCodes.join(',')}]` : '';
  const carrier = link.carrierId ? ` carrier ${link.carrierId}` : '';
  return `${link.role} @ ${link.organisationId}${districts}${carrier}`;
}

/** What a grant did, as the audit row's detail. */
export function describeGrant(
  link: RoleLink,
  change: 'granted' | 'changed' | 'unchanged',
  before: RoleLink | undefined,
): string {
  if (change === 'changed' && before)
    return `changed ${describeLink(before)} → ${describeLink(link)}`;
  return `${change} ${describeLink(link)}`;
}
