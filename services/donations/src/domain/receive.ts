import type { DonationItem } from '@anbu/contracts';

/** A refusal naming the input field at fault. */
export interface FieldRefusal {
  readonly field: string;
  readonly message: string;
}

/** One lot to create from a donation line. */
export interface LotPlan {
  readonly itemIndex: number;
  readonly item: DonationItem;
  readonly quantity: number;
}

/**
 * Turns the counted quantities of a received donation into lots: one lot per line with a
 * positive count (the offered quantity when no count is given). A count may not exceed what was
 * offered; lines counted at zero make no lot.
 */
export function planLots(options: {
  items: readonly DonationItem[];
  received?: readonly { itemIndex: number; quantity: number }[] | undefined;
}): { ok: true; lots: LotPlan[]; missing: number } | { ok: false; refusal: FieldRefusal } {
  const counted = new Map<number, number>();
  for (const [position, entry] of (options.received ?? []).entries()) {
    const item = options.items[entry.itemIndex];
    if (item === undefined) {
      return {
        ok: false,
        refusal: { field: `received.${position}.itemIndex`, message: `no item ${entry.itemIndex}` },
      };
    }
    if (entry.quantity > item.quantity) {
      return {
        ok: false,
        refusal: {
          field: `received.${position}.quantity`,
          message: `counted ${entry.quantity} but ${item.quantity} were offered`,
        },
      };
    }
    counted.set(entry.itemIndex, entry.quantity);
  }
  const lots: LotPlan[] = [];
  let missing = 0;
  options.items.forEach((item, itemIndex) => {
    const quantity = counted.get(itemIndex) ?? item.quantity;
    missing += item.quantity - quantity;
    if (quantity > 0) lots.push({ itemIndex, item, quantity });
  });
  if (lots.length === 0) {
    return {
      ok: false,
      refusal: {
        field: 'received',
        message: 'nothing was received: write the donation off instead',
      },
    };
  }
  return { ok: true, lots, missing };
}
