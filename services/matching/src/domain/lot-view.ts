/** The matcher's counts of one lot: units it offers, units promised, units short. */
export interface LotCounts {
  readonly quantity: number;
  readonly allocated: number;
  /** Written-off units still counted in `quantity` because allocations held them. */
  readonly unitsShort: number;
}

/**
 * Takes `writtenOff` units out of the view of a lot. The view never falls below what it has
 * allocated (donations writes off only units it holds available, but its `allocation.made` of
 * these may not have been handled yet): what the write-off could not take is kept as the lot's
 * shortfall, to be paid by the next releases ({@link releaseFromLot}).
 */
export function writeOffFromLot(lot: LotCounts, writtenOff: number): LotCounts {
  const left = lot.quantity - writtenOff;
  return {
    quantity: Math.max(left, lot.allocated),
    allocated: lot.allocated,
    unitsShort: lot.unitsShort + Math.max(lot.allocated - left, 0),
  };
}

/**
 * Gives `released` allocated units of a lot back: they pay the lot's shortfall first (units that
 * no longer exist, e.g. an allocation donations refused after a write-off), and only the rest is
 * offered again, so that the next run does not allocate units that are gone.
 */
export function releaseFromLot(lot: LotCounts, released: number): LotCounts {
  const paid = Math.min(lot.unitsShort, released);
  return {
    quantity: lot.quantity - paid,
    allocated: lot.allocated - released,
    unitsShort: lot.unitsShort - paid,
  };
}
