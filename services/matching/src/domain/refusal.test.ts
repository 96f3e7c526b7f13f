import { describe, expect, it } from 'vitest';

import { allocationReasonSchema } from '@anbu/contracts';
import { ALLOCATION_REFUSAL_REASONS } from '@anbu/contracts/events';

import { refusalExplanation } from './refusal.js';

describe('refusalExplanation', () => {
  it('should explain every refusal as lot_unavailable, in words that name what became of the lot', () => {
    const words = {
      lot_unknown: 'unknown',
      lot_expired: 'expired',
      lot_written_off: 'written off',
      too_few_units: 'too few units',
    } as const;
    for (const reason of ALLOCATION_REFUSAL_REASONS) {
      const explained = refusalExplanation({ reason, quantity: 6, quantityAvailable: 3 });
      expect(allocationReasonSchema.parse(explained)).toEqual(explained);
      expect(explained.code).toBe('lot_unavailable');
      expect(explained.message).toContain(words[reason]);
      expect(explained.message).toContain('3 available of 6 allocated');
    }
  });
});
