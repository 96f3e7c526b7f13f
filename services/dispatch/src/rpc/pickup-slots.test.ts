import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '@anbu/contracts';
import { createCarrier, createShifts, listPickupSlots } from '@anbu/contracts/rpc';

import type { DispatchHarness } from '../testing/harness.js';
import { carrierInput, dispatcher, FIXTURE, partner, startDispatch } from '../testing/harness.js';

const donations: Actor = { kind: 'service', id: 'donations', districtCodes: [] };
const DAY = '2026-12-02';
const window = (from: string, to: string) => ({
  start: `${DAY}T${from}:00+09:00`,
  end: `${DAY}T${to}:00+09:00`,
});

describe('pickup slots', () => {
  let h: DispatchHarness;
  beforeAll(async () => {
    h = await startDispatch();
    const van = await h.bus.request(createCarrier, carrierInput({ kind: 'van', name: '김탑차' }), {
      actor: dispatcher,
    });
    const bike = await h.bus.request(createCarrier, carrierInput(), { actor: dispatcher });
    await h.bus.request(
      createShifts,
      {
        shifts: [
          {
            carrierId: van.id,
            date: DAY,
            window: window('09:00', '13:00'),
            startDepotId: FIXTURE.depotId,
          },
          {
            carrierId: bike.id,
            date: DAY,
            window: window('09:00', '17:00'),
            startDepotId: FIXTURE.depotId,
          },
        ],
      },
      { actor: dispatcher },
    );
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should offer two-hour slots from the van shift only, the same ids on every ask', async () => {
    const { items } = await h.bus.request(
      listPickupSlots,
      { from: DAY, to: DAY },
      { actor: donations },
    );
    expect(items.map((s) => [s.window.start, s.window.end, s.remaining])).toEqual([
      ['2026-12-02T00:00:00.000Z', '2026-12-02T02:00:00.000Z', 2],
      ['2026-12-02T02:00:00.000Z', '2026-12-02T04:00:00.000Z', 2],
    ]);
    expect(items.every((s) => s.depotId === FIXTURE.depotId && s.date === DAY)).toBe(true);
    const again = await h.bus.request(listPickupSlots, { from: DAY, to: DAY }, { actor: partner });
    expect(again.items.map((s) => s.id)).toEqual(items.map((s) => s.id));
  });

  it('should offer nothing on a day without shifts or at another depot', async () => {
    const other = await h.bus.request(
      listPickupSlots,
      { from: DAY, to: DAY, depotId: randomUUID() },
      { actor: donations },
    );
    expect(other.items).toEqual([]);
    const empty = await h.bus.request(
      listPickupSlots,
      { from: '2026-12-03', to: '2026-12-04' },
      { actor: donations },
    );
    expect(empty.items).toEqual([]);
  });
});
