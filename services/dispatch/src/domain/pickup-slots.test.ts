import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { SlotShift } from './pickup-slots.js';
import { derivePickupSlots, PICKUP_SLOT_MINUTES } from './pickup-slots.js';

const depotA = '22222222-2222-4222-8222-222222222222';
const depotB = '33333333-3333-4333-8333-333333333333';
const idOf = (depotId: string, start: string) => `${depotId}@${start}`;

const slotShift = (
  overrides: Partial<SlotShift['shift']> = {},
  kind: SlotShift['carrierKind'] = 'van',
): SlotShift => ({
  shift: {
    date: '2026-12-01',
    window: { start: '2026-12-01T09:00:00+09:00', end: '2026-12-01T17:00:00+09:00' },
    startDepotId: depotA,
    cancelled: false,
    ...overrides,
  },
  carrierKind: kind,
});

describe('derivePickupSlots', () => {
  it('should cut a van shift into whole two-hour slots at its depot', () => {
    const slots = derivePickupSlots({
      shifts: [
        slotShift({
          window: { start: '2026-12-01T09:00:00+09:00', end: '2026-12-01T14:30:00+09:00' },
        }),
      ],
      booked: new Map(),
      idOf,
    });
    expect(slots.map((s) => s.window.start)).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2026-12-01T02:00:00.000Z',
    ]);
    expect(slots.every((s) => s.depotId === depotA && s.remaining === 2)).toBe(true);
  });

  it('should offer nothing for motorbikes, walkers or cancelled shifts', () => {
    const slots = derivePickupSlots({
      shifts: [
        slotShift({}, 'postal_motorbike'),
        slotShift({}, 'walking_volunteer'),
        slotShift({ cancelled: true }),
        { ...slotShift({}, 'van'), vehicleKind: 'motorbike' },
      ],
      booked: new Map(),
      idOf,
    });
    expect(slots).toEqual([]);
  });

  it('should add up shifts at the same depot and window, and count bookings down', () => {
    const first = derivePickupSlots({
      shifts: [slotShift(), slotShift({}, 'car')],
      booked: new Map(),
      idOf,
    });
    const target = first[0];
    if (!target) throw new Error('expected a slot');
    expect(target.remaining).toBe(4);
    const after = derivePickupSlots({
      shifts: [slotShift(), slotShift({}, 'car')],
      booked: new Map([[target.id, 3]]),
      idOf,
    });
    expect(after.find((s) => s.id === target.id)?.remaining).toBe(1);
  });

  it('should keep every slot inside a capable shift, of the fixed length, with remaining in range', () => {
    const shiftArb = fc.record({
      startHour: fc.integer({ min: 0, max: 20 }),
      hours: fc.integer({ min: 1, max: 12 }),
      depot: fc.constantFrom(depotA, depotB),
      kind: fc.constantFrom('van' as const, 'car' as const, 'postal_motorbike' as const),
      cancelled: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(shiftArb, { maxLength: 8 }),
        fc.nat({ max: 20 }),
        (specs, bookedCount) => {
          const shifts = specs.map((s) => {
            const start = Date.UTC(2026, 11, 1, s.startHour);
            return slotShift(
              {
                window: {
                  start: new Date(start).toISOString(),
                  end: new Date(start + s.hours * 3_600_000).toISOString(),
                },
                startDepotId: s.depot,
                cancelled: s.cancelled,
              },
              s.kind,
            );
          });
          const firstId = derivePickupSlots({ shifts, booked: new Map(), idOf })[0]?.id;
          const booked = new Map(firstId ? [[firstId, bookedCount]] : []);
          const slots = derivePickupSlots({ shifts, booked, idOf });
          expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
          for (const slot of slots) {
            const start = Date.parse(slot.window.start);
            expect(Date.parse(slot.window.end) - start).toBe(PICKUP_SLOT_MINUTES * 60_000);
            const covering = shifts.filter(
              (s) =>
                !s.shift.cancelled &&
                s.carrierKind !== 'postal_motorbike' &&
                s.shift.startDepotId === slot.depotId &&
                Date.parse(s.shift.window.start) <= start &&
                Date.parse(s.shift.window.end) >= Date.parse(slot.window.end),
            );
            expect(covering.length).toBeGreaterThan(0);
            expect(slot.remaining).toBeGreaterThanOrEqual(0);
            expect(slot.remaining).toBeLessThanOrEqual(covering.length * 2);
          }
        },
      ),
    );
  });
});
