import type { AllocationReason } from '@anbu/contracts';
import type { AllocationRefusalReason } from '@anbu/contracts/events';

/** What donations found of the lot, in words (see {@link refusalExplanation}). */
const REFUSAL_TEXT: Readonly<Record<AllocationRefusalReason, string>> = {
  lot_unknown: 'the lot is unknown to donations',
  lot_expired: 'the lot expired',
  lot_written_off: 'the lot was written off',
  too_few_units: 'the lot had too few units left',
};

/**
 * The reason a refused allocation shows where matching explains it (`allocation.explain`,
 * `allocation.list`): donations could not hold its units, so the need waits for the next run.
 */
export function refusalExplanation(refusal: {
  reason: AllocationRefusalReason;
  quantity: number;
  quantityAvailable: number;
}): AllocationReason {
  const { reason, quantity, quantityAvailable } = refusal;
  return {
    code: 'lot_unavailable',
    message:
      `refused by donations: ${REFUSAL_TEXT[reason]} (${String(quantityAvailable)} available ` +
      `of ${String(quantity)} allocated); released, the need waits for the next run`,
  };
}
