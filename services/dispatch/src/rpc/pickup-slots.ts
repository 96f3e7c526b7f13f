import { createHash } from 'node:crypto';

import type { RpcRoute } from '@anbu/bus';
import { handle } from '@anbu/bus';
import { listPickupSlots } from '@anbu/contracts/rpc';

import type { DispatchDeps } from './deps.js';
import { derivePickupSlots } from '../domain/pickup-slots.js';
import { bookedCounts, slotShifts } from '../repo/pickup-slots.js';

/** A slot's id: a version-5-shaped UUID of its depot and start, stable across roster changes. */
export function pickupSlotId(depotId: string, start: string): string {
  const hash = createHash('sha1').update(`pickup-slot\u0000${depotId}\u0000${start}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const MAX_SLOTS = 1000;

/**
 * `pickupSlot.list`: the slots partners may book, derived from the van and car shifts of the
 * days asked for. Slots carry no personal data, so any caller may read them (donations asks on
 * a partner's behalf).
 */
export function pickupSlotRoutes(deps: DispatchDeps): RpcRoute[] {
  const { db } = deps;
  return [
    handle(listPickupSlots, async (input) => {
      const shifts = await slotShifts(db, input);
      const unbooked = derivePickupSlots({ shifts, booked: new Map(), idOf: pickupSlotId });
      const booked = await bookedCounts(
        db,
        unbooked.map((s) => s.id),
      );
      const slots = derivePickupSlots({ shifts, booked, idOf: pickupSlotId });
      return { items: slots.slice(0, MAX_SLOTS) };
    }),
  ];
}
