import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { RoleLink } from '@anbu/contracts';
import { ROLES } from '@anbu/contracts';

import { membershipIssues } from './membership-rules.js';

const ORG = '00000000-0000-4000-8000-00000000a001';
const CARRIER = '00000000-0000-4000-8000-00000000c001';
const known = { organisationExists: true, unknownDistricts: [] };

describe('membershipIssues', () => {
  it('should accept a caseworker with a district and a carrier with its record', () => {
    expect(
      membershipIssues(
        { role: 'caseworker', organisationId: ORG, districtCodes: ['5214057000'] },
        known,
      ),
    ).toEqual([]);
    expect(
      membershipIssues(
        { role: 'carrier', organisationId: ORG, districtCodes: [], carrierId: CARRIER },
        known,
      ),
    ).toEqual([]);
  });

  it('should name the field of every problem', () => {
    const issues = membershipIssues(
      { role: 'dispatcher', organisationId: ORG, districtCodes: ['1', '5214057000', '2'] },
      { organisationExists: false, unknownDistricts: ['1', '2'] },
    );
    expect(issues.map((i) => i.path)).toEqual([
      'organisationId',
      'districtCodes.0',
      'districtCodes.2',
    ]);
    expect(
      membershipIssues({ role: 'carrier', organisationId: ORG, districtCodes: [] }, known),
    ).toEqual([{ path: 'carrierId', message: 'a carrier role needs the carrier record' }]);
  });

  it('should refuse a grant exactly when a rule is broken', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (role, withDistrict, withCarrier, organisationExists) => {
          const link: RoleLink = {
            role,
            organisationId: ORG,
            districtCodes: withDistrict ? ['5214057000'] : [],
            ...(withCarrier ? { carrierId: CARRIER } : {}),
          };
          const ok =
            organisationExists &&
            (!['caseworker', 'dispatcher'].includes(role) || withDistrict) &&
            (role === 'carrier') === withCarrier;
          const issues = membershipIssues(link, { organisationExists, unknownDistricts: [] });
          expect(issues.length === 0).toBe(ok);
        },
      ),
    );
  });
});
