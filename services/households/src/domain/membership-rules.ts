import type { FieldIssue, RoleLink } from '@anbu/contracts';

/** Roles whose work is bounded by 읍면동: a grant without districts would see nothing. */
const DISTRICT_ROLES: readonly RoleLink['role'][] = ['caseworker', 'dispatcher'];

/**
 * What is wrong with a role grant, each naming its field: the organisation must exist, every
 * district must exist, caseworkers and dispatchers need a district, carriers their carrier
 * record (and only carriers have one).
 */
export function membershipIssues(
  link: RoleLink,
  known: { organisationExists: boolean; unknownDistricts: readonly string[] },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!known.organisationExists) {
    issues.push({ path: 'organisationId', message: 'no such organisation' });
  }
  for (const code of known.unknownDistricts) {
    const index = link.districtCodes.indexOf(code);
    issues.push({ path: `districtCodes.${String(index)}`, message: `unknown district ${code}` });
  }
  if (DISTRICT_ROLES.includes(link.role) && link.districtCodes.length === 0) {
    issues.push({ path: 'districtCodes', message: `a ${link.role} needs at least one district` });
  }
  if (link.role === 'carrier' && link.carrierId === undefined) {
    issues.push({ path: 'carrierId', message: 'a carrier role needs the carrier record' });
  }
  if (link.role !== 'carrier' && link.carrierId !== undefined) {
    issues.push({ path: 'carrierId', message: 'only a carrier role has a carrier record' });
  }
  return issues;
}
