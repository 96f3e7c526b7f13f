import { describe, expect, it } from 'vitest';

import { parseFollowUp } from './follow-up.js';

const draft = {
  category: 'necessity_kit',
  quantity: '2',
  unit: 'kit',
  deadline: '2026-11-27',
} as const;

describe('parseFollowUp', () => {
  it('should accept a whole quantity and a day from today on', () => {
    expect(parseFollowUp(draft, '2026-11-27')).toEqual({
      ok: true,
      value: { category: 'necessity_kit', quantity: 2, unit: 'kit', deadline: '2026-11-27' },
    });
  });

  it('should name each bad field', () => {
    expect(
      parseFollowUp({ ...draft, quantity: '0', deadline: '2026-11-26' }, '2026-11-27'),
    ).toEqual({ ok: false, errors: { quantity: 'quantityInvalid', deadline: 'neededByInvalid' } });
    expect(parseFollowUp({ ...draft, quantity: '1.5' }, '2026-11-01')).toMatchObject({
      ok: false,
      errors: { quantity: 'quantityInvalid' },
    });
    expect(parseFollowUp({ ...draft, deadline: '' }, '2026-11-01')).toMatchObject({
      ok: false,
      errors: { deadline: 'neededByInvalid' },
    });
  });
});
