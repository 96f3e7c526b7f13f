import type { DeliveryOrder } from '@anbu/contracts';

/** What releasing an allocation does to the open order carrying it. */
export type ReleaseOutcome =
  | { readonly kind: 'cancel' }
  | {
      readonly kind: 'reduce';
      readonly allocationIds: string[];
      readonly items: DeliveryOrder['items'];
    }
  | { readonly kind: 'untouched' };

/**
 * Takes a released allocation out of an order. Matching lists an order's item lines in the order
 * of its allocations (one line each), so the allocation's line loses the released quantity and
 * goes when nothing is left; the order is cancelled when no allocation remains. An order that
 * does not carry the allocation is untouched; one whose lines do not pair with its allocations
 * only loses the allocation id.
 */
export function releaseFromOrder(
  order: Pick<DeliveryOrder, 'allocationIds' | 'items'>,
  release: { allocationId: string; quantity: number },
): ReleaseOutcome {
  const index = order.allocationIds.indexOf(release.allocationId);
  if (index < 0) return { kind: 'untouched' };
  const paired = order.items.length === order.allocationIds.length;
  const line = paired ? order.items[index] : undefined;
  const left = line ? line.quantity - release.quantity : 0;
  const keep = (_: unknown, i: number) => i !== index;
  const allocationIds = left > 0 ? [...order.allocationIds] : order.allocationIds.filter(keep);
  const items = !paired
    ? [...order.items]
    : left > 0 && line
      ? order.items.map((item, i) => (i === index ? { ...line, quantity: left } : item))
      : order.items.filter(keep);
  if (allocationIds.length === 0) return { kind: 'cancel' };
  return { kind: 'reduce', allocationIds, items };
}
