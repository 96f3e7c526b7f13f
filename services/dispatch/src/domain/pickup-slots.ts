import type { CarrierKind, PickupSlot, Shift, VehicleKind } from '@anbu/contracts';

/** Carrier and vehicle kinds that can fetch a partner's donation (boxes, often chilled). */
export const PICKUP_CARRIER_KINDS: ReadonlySet<CarrierKind> = new Set(['van', 'car']);
export const PICKUP_VEHICLE_KINDS: ReadonlySet<VehicleKind> = new Set(['van', 'car']);

/** How long a pickup slot lasts, and how many pickups one capable shift takes in it. */
export const PICKUP_SLOT_MINUTES = 120;
export const PICKUPS_PER_SHIFT_SLOT = 2;

/** A shift with what we know of the carrier and vehicle working it. */
export interface SlotShift {
  readonly shift: Pick<Shift, 'date' | 'window' | 'startDepotId' | 'cancelled'>;
  readonly carrierKind: CarrierKind;
  readonly vehicleKind?: VehicleKind | undefined;
}

/** Whether a shift can take pickups: not cancelled, with a van or a car (its own or its carrier's kind). */
export function canPickUp(s: SlotShift): boolean {
  if (s.shift.cancelled) return false;
  return s.vehicleKind !== undefined
    ? PICKUP_VEHICLE_KINDS.has(s.vehicleKind)
    : PICKUP_CARRIER_KINDS.has(s.carrierKind);
}

/**
 * The pickup slots dispatch offers: each capable shift's window is cut into whole slots of
 * `slotMinutes` from its start (a shorter tail is no slot); slots of several shifts at the same
 * depot and window are one slot whose capacity adds up. `remaining` is capacity minus the
 * bookings counted against the slot's id (never below 0). Sorted by start, then depot.
 * `idOf` names a slot from its depot and start, so the id is stable while the roster changes.
 */
export function derivePickupSlots(options: {
  shifts: readonly SlotShift[];
  booked: ReadonlyMap<string, number>;
  idOf: (depotId: string, start: string) => string;
  slotMinutes?: number;
  perShiftSlot?: number;
}): PickupSlot[] {
  const slotMs = (options.slotMinutes ?? PICKUP_SLOT_MINUTES) * 60_000;
  const perShift = options.perShiftSlot ?? PICKUPS_PER_SHIFT_SLOT;
  const slots = new Map<string, PickupSlot & { capacity: number }>();
  for (const s of options.shifts) {
    if (!canPickUp(s)) continue;
    const startMs = Date.parse(s.shift.window.start);
    const endMs = Date.parse(s.shift.window.end);
    for (let at = startMs; at + slotMs <= endMs; at += slotMs) {
      const start = new Date(at).toISOString();
      const depotId = s.shift.startDepotId;
      const id = options.idOf(depotId, start);
      const slot = slots.get(id) ?? {
        id,
        date: s.shift.date,
        window: { start, end: new Date(at + slotMs).toISOString() },
        depotId,
        remaining: 0,
        capacity: 0,
      };
      slot.capacity += perShift;
      slots.set(id, slot);
    }
  }
  return [...slots.values()]
    .map(({ capacity, ...slot }) => ({
      ...slot,
      remaining: Math.max(0, capacity - (options.booked.get(slot.id) ?? 0)),
    }))
    .sort(
      (a, b) =>
        Date.parse(a.window.start) - Date.parse(b.window.start) ||
        a.depotId.localeCompare(b.depotId),
    );
}
