/** The counts of one lot (or one donation, or one depot) that conservation ties together. */
export interface LotCounts {
  readonly received: number;
  readonly inStock: number;
  readonly allocated: number;
  readonly delivered: number;
  readonly writtenOff: number;
}

/** `received − (inStock + allocated + delivered + writtenOff)`: 0 when every unit is accounted for. */
export function conservationGap(counts: LotCounts): number {
  return (
    counts.received - (counts.inStock + counts.allocated + counts.delivered + counts.writtenOff)
  );
}

/**
 * Whether conservation holds: received = in stock + allocated + delivered + written off, with
 * every count a non-negative integer. Services call it before committing a stock change.
 * @example checkConservation({ received: 10, inStock: 4, allocated: 3, delivered: 2, writtenOff: 1 }) // true
 */
export function checkConservation(counts: LotCounts): boolean {
  const all = [
    counts.received,
    counts.inStock,
    counts.allocated,
    counts.delivered,
    counts.writtenOff,
  ];
  return all.every((n) => Number.isInteger(n) && n >= 0) && conservationGap(counts) === 0;
}
