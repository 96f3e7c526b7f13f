import type { Donation, PickupSlot, StorageClass } from '@anbu/contracts';

import type { FieldRefusal } from './receive.js';

const COLDEST_FIRST: readonly StorageClass[] = ['frozen', 'chilled', 'ambient'];

/** The coldest storage class among a donation's lines: what the pickup vehicle must keep. */
export function coldestStorage(items: Donation['items']): StorageClass {
  return COLDEST_FIRST.find((c) => items.some((item) => item.storageClass === c)) ?? 'ambient';
}

/** The load a pickup carries: boxes (box and kit lines) and total weight where given. */
export function pickupLoad(items: Donation['items']): { boxes: number; weightKg: number } {
  let boxes = 0;
  let weightKg = 0;
  for (const item of items) {
    if (item.unit === 'box' || item.unit === 'kit') boxes += item.quantity;
    weightKg += item.weightKg ?? 0;
  }
  return { boxes, weightKg: Math.round(weightKg * 1000) / 1000 };
}

/**
 * Whether a donation may take a slot: it must be accepted, the slot must still have room, fall
 * inside the pickup window the partner offered, and go to a depot that stores every line.
 */
export function slotRefusal(options: {
  donation: Pick<Donation, 'status' | 'pickup' | 'items'>;
  slot: PickupSlot;
  depotStorage: readonly StorageClass[];
}): (FieldRefusal & { code: 'CONFLICT' | 'UNPROCESSABLE' }) | undefined {
  const { donation, slot } = options;
  if (donation.status !== 'accepted') {
    return {
      code: 'CONFLICT',
      field: 'donationId',
      message: `a ${donation.status} donation cannot book a pickup: it must be accepted`,
    };
  }
  if (slot.remaining < 1) {
    return { code: 'CONFLICT', field: 'pickupSlotId', message: 'the slot is fully booked' };
  }
  const window = donation.pickup.window;
  const overlaps =
    Date.parse(slot.window.start) < Date.parse(window.end) &&
    Date.parse(slot.window.end) > Date.parse(window.start);
  if (!overlaps) {
    return {
      code: 'UNPROCESSABLE',
      field: 'pickupSlotId',
      message: 'the slot is outside the pickup window of the donation',
    };
  }
  const unstorable = donation.items.find(
    (item) => !options.depotStorage.includes(item.storageClass),
  );
  if (unstorable) {
    return {
      code: 'UNPROCESSABLE',
      field: 'pickupSlotId',
      message: `the slot's depot cannot store ${unstorable.storageClass} goods`,
    };
  }
  return undefined;
}
