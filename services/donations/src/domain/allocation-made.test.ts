import { describe, expect, it } from 'vitest';

import type { SeenAllocation } from './allocation-made.js';
import { allocationMadeStep, refusalReason, tellsMatching } from './allocation-made.js';

const seen = (overrides: Partial<SeenAllocation> = {}): SeenAllocation => ({
  status: 'ordered',
  unitsHeld: false,
  refused: false,
  ...overrides,
});

describe('allocationMadeStep', () => {
  it('should allocate an allocation seen for the first time or only ordered so far', () => {
    expect(allocationMadeStep(undefined)).toBe('allocate');
    expect(allocationMadeStep(seen())).toBe('allocate');
  });

  it('should deliver from stock when its order was delivered first', () => {
    expect(allocationMadeStep(seen({ status: 'delivered' }))).toBe('deliver');
  });

  it('should take nothing when the lot holds the units, or it was released or refused before', () => {
    expect(allocationMadeStep(seen({ unitsHeld: true }))).toBe('skip');
    expect(allocationMadeStep(seen({ status: 'delivered', unitsHeld: true }))).toBe('skip');
    expect(allocationMadeStep(seen({ status: 'released' }))).toBe('skip');
    expect(allocationMadeStep(seen({ status: 'refused', refused: true }))).toBe('skip');
    // Delivered first and refused then: a redelivered `allocation.made` does not try again.
    expect(allocationMadeStep(seen({ status: 'delivered', refused: true }))).toBe('skip');
  });
});

describe('refusalReason', () => {
  it('should name what became of the lot', () => {
    expect(refusalReason(undefined)).toBe('lot_unknown');
    expect(refusalReason({ status: 'expired', quantityAvailable: 0 })).toBe('lot_expired');
    expect(refusalReason({ status: 'written_off', quantityAvailable: 0 })).toBe('lot_written_off');
    expect(refusalReason({ status: 'in_stock', quantityAvailable: 3 })).toBe('too_few_units');
    expect(refusalReason({ status: 'depleted', quantityAvailable: 0 })).toBe('too_few_units');
  });
});

describe('tellsMatching', () => {
  it('should tell matching of a refusal unless the order was delivered first', () => {
    expect(tellsMatching(undefined)).toBe(true);
    expect(tellsMatching(seen())).toBe(true);
    expect(tellsMatching(seen({ status: 'delivered' }))).toBe(false);
  });
});
