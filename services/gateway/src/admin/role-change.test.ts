import { describe, expect, it } from 'vitest';

import { describeGrant, describeLink } from './role-change.js';

const ORG = '00000000-0000-4000-8000-00000000a001';

describe('describeGrant', () => {
  it('should say what a grant did, with the scope before and after a change', () => {
    const before = {
      role: 'caseworker' as const,
      organisationId: ORG,
      districtCodes: ['5214057000'],
    };
    const after = { ...before, districtCodes: ['5214057000', '5214025000'] };
    expect(describeGrant(before, 'granted', undefined)).toBe(
      `granted caseworker @ ${ORG} [5214057000]`,
    );
    expect(describeGrant(after, 'changed', before)).toBe(
      `changed caseworker @ ${ORG} [5214057000] → caseworker @ ${ORG} [5214057000,5214025000]`,
    );
    expect(describeLink({ role: 'admin', organisationId: ORG, districtCodes: [] })).toBe(
      `admin @ ${ORG}`,
    );
  });
});
