import type { Lot } from '@anbu/contracts';
import type { AllocationRefusalReason } from '@anbu/contracts/events';

/** What donations has seen of one allocation before its `allocation.made` is applied. */
export interface SeenAllocation {
  readonly status: 'ordered' | 'delivered' | 'released' | 'refused';
  readonly unitsHeld: boolean;
  /** Its lot could not hold its units once already (`refused`, or `delivered` and refused). */
  readonly refused: boolean;
}

/**
 * What an `allocation.made` does, given what was seen of its allocation (the events of one
 * allocation arrive in any order): `skip` when the lot holds its units already, it was released
 * first or it was refused once already; `deliver` when its order was delivered first (the units
 * go from available straight to delivered); else `allocate`.
 */
export function allocationMadeStep(
  seen: SeenAllocation | undefined,
): 'skip' | 'allocate' | 'deliver' {
  if (!seen) return 'allocate';
  if (seen.unitsHeld || seen.refused || seen.status === 'released') return 'skip';
  return seen.status === 'delivered' ? 'deliver' : 'allocate';
}

/**
 * Why a lot could not hold an allocation's units: it is unknown, expired or written off, or
 * (in stock or depleted) it has too few units available.
 */
export function refusalReason(
  lot: Pick<Lot, 'status' | 'quantityAvailable'> | undefined,
): AllocationRefusalReason {
  if (!lot) return 'lot_unknown';
  switch (lot.status) {
    case 'expired':
      return 'lot_expired';
    case 'written_off':
      return 'lot_written_off';
    case 'in_stock':
    case 'depleted':
      return 'too_few_units';
  }
}

/**
 * Whether a refusal is told to matching (`allocation.refused`). Not when dispatch reported the
 * order delivered first: the household has the goods, so re-opening its need would serve it
 * twice; the shortfall is donations' own stock discrepancy to look into.
 */
export function tellsMatching(seen: SeenAllocation | undefined): boolean {
  return seen?.status !== 'delivered';
}
