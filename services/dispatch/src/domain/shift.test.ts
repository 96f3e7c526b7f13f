import { describe, expect, it } from 'vitest';

import type { ShiftInput } from '@anbu/contracts';

import { checkShifts } from './shift.js';

const carrierId = '11111111-1111-4111-8111-111111111111';
const shift = (overrides: Partial<ShiftInput> = {}): ShiftInput => ({
  carrierId,
  date: '2026-12-01',
  window: { start: '2026-12-01T09:00:00+09:00', end: '2026-12-01T17:00:00+09:00' },
  startDepotId: '22222222-2222-4222-8222-222222222222',
  ...overrides,
});

describe('checkShifts', () => {
  const carriers = new Map([[carrierId, { id: carrierId, active: true }]]);

  it('should accept a shift of a known, active carrier on its day', () => {
    expect(checkShifts({ shifts: [shift()], carriers })).toEqual([]);
  });

  it('should name the carrier and the window that are wrong', () => {
    const refusals = checkShifts({
      shifts: [
        shift({ carrierId: '33333333-3333-4333-8333-333333333333' }),
        // 08:00 in Seoul on 2 December is not 1 December.
        shift({ window: { start: '2026-12-01T23:00:00Z', end: '2026-12-02T05:00:00Z' } }),
      ],
      carriers,
    });
    expect(refusals.map((r) => r.field)).toEqual(['shifts.0.carrierId', 'shifts.1.window.start']);
  });

  it('should refuse an inactive carrier', () => {
    const inactive = new Map([[carrierId, { id: carrierId, active: false }]]);
    expect(checkShifts({ shifts: [shift()], carriers: inactive })[0]?.message).toBe(
      'carrier is inactive',
    );
  });
});
