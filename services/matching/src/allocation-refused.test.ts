import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf } from '@anbu/contracts';
import { on } from '@anbu/bus';
import {
  allocationRefused,
  allocationReleased,
  lotReceived,
  lotWrittenOff,
  needCreated,
} from '@anbu/contracts/events';
import { explainAllocation, runAllocation } from '@anbu/contracts/rpc';

import type { MatchingHarness } from './testing/harness.js';
import { lotEvent, needEvent, startMatching, testDepot, testProfile } from './testing/harness.js';

const manager = {
  kind: 'user' as const,
  id: 'pm-1',
  role: 'program_manager' as const,
  districtCodes: [],
};

describe('allocations donations refused', () => {
  let h: MatchingHarness;
  const depot = testDepot();
  const releases: EventOf<typeof allocationReleased>[] = [];

  beforeAll(async () => {
    h = await startMatching();
    h.depots.set(depot.id, depot);
    await h.bus.consume({
      durable: 'test_releases',
      routes: [on(allocationReleased, (e) => Promise.resolve(void releases.push(e)))],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  /** A lot of `lotUnits` and a need of `needUnits` of one category only this test uses. */
  const supply = async (lotUnits: number, needUnits: number) => {
    const category = 'rice_grain' as const;
    const profile = testProfile({ districtCode: `R${randomUUID().slice(0, 6)}` });
    h.profiles.set(profile.householdId, profile);
    const need = needEvent({
      householdId: profile.householdId,
      districtCode: profile.districtCode,
      category,
      quantity: needUnits,
    });
    const lot = lotEvent({ depotId: depot.id, category, quantity: lotUnits });
    await h.bus.publish(needCreated.subject, need);
    await h.bus.publish(lotReceived.subject, lot);
    await expect.poll(() => needRow(need.data.needId)).toBeDefined();
    await expect.poll(() => lotRow(lot.data.lotId)).toBeDefined();
    return { need: need.data, lot: lot.data, districtCode: profile.districtCode };
  };
  const run = (districtCode: string) =>
    h.bus.request(runAllocation, { districtCodes: [districtCode] }, { actor: manager });
  const needRow = (needId: string) =>
    h.db
      .selectFrom('open_needs')
      .select(['status', 'quantity', 'allocated'])
      .where('need_id', '=', needId)
      .executeTakeFirst();
  const lotRow = (lotId: string) =>
    h.db
      .selectFrom('stock_lots')
      .select(['quantity', 'allocated', 'units_short'])
      .where('lot_id', '=', lotId)
      .executeTakeFirst();
  const allocationsOf = (needId: string) =>
    h.db
      .selectFrom('allocations')
      .select(['id', 'status', 'quantity', 'reasons'])
      .where('need_id', '=', needId)
      .orderBy('created_at')
      .execute();
  const writtenOff = (lotId: string, quantity: number): EventOf<typeof lotWrittenOff> => ({
    id: randomUUID(),
    type: lotWrittenOff.type,
    version: lotWrittenOff.version,
    occurredAt: new Date().toISOString(),
    data: {
      lotId,
      depotId: depot.id,
      quantityWrittenOff: quantity,
      quantityAvailable: 0,
      reason: 'fridge failed',
      at: new Date().toISOString(),
      by: { kind: 'user', id: randomUUID() },
    },
  });
  const refused = (
    allocation: { id: string; quantity: number },
    data: { needId: string; lotId: string; quantityAvailable: number },
  ): EventOf<typeof allocationRefused> => ({
    id: randomUUID(),
    type: allocationRefused.type,
    version: allocationRefused.version,
    occurredAt: new Date().toISOString(),
    data: {
      allocationId: allocation.id,
      quantity: allocation.quantity,
      reason: data.quantityAvailable === 0 ? 'lot_written_off' : 'too_few_units',
      ...data,
    },
  });

  it('should release a refused allocation once, say why, and leave the need to the next run', async () => {
    const { need, lot, districtCode } = await supply(10, 10);
    await run(districtCode);
    const [allocation] = await allocationsOf(need.needId);
    if (!allocation) throw new Error('expected an allocation');
    // Donations wrote the whole lot off before it handled the allocation.
    await h.bus.publish(lotWrittenOff.subject, writtenOff(lot.lotId, 10));
    await expect
      .poll(() => lotRow(lot.lotId))
      .toEqual({ quantity: 10, allocated: 10, units_short: 10 });

    const refusal = refused(allocation, {
      needId: need.needId,
      lotId: lot.lotId,
      quantityAvailable: 0,
    });
    await h.bus.publish(allocationRefused.subject, refusal);
    await h.bus.publish(allocationRefused.subject, refusal);
    await h.bus.publish(allocationRefused.subject, { ...refusal, id: randomUUID() });
    await expect.poll(async () => (await allocationsOf(need.needId))[0]?.status).toBe('released');
    await expect
      .poll(() => releases.filter((r) => r.data.allocationId === allocation.id).length)
      .toBe(1);
    expect(releases.find((r) => r.data.allocationId === allocation.id)?.data).toMatchObject({
      needId: need.needId,
      quantity: 10,
      reason: 'lot_unavailable',
    });
    // The need is open again and the lot's units that no longer exist are not offered.
    expect(await needRow(need.needId)).toEqual({ status: 'open', quantity: 10, allocated: 0 });
    expect(await lotRow(lot.lotId)).toEqual({ quantity: 0, allocated: 0, units_short: 0 });
    const explained = await h.bus.request(
      explainAllocation,
      { needId: need.needId },
      { actor: manager },
    );
    const lotUnavailable = explained.reasons.filter((r) => r.code === 'lot_unavailable');
    expect(lotUnavailable).toHaveLength(1);
    expect(lotUnavailable[0]?.message).toContain('the lot was written off');
    expect(explained.allocations[0]?.reasons.map((r) => r.code)).toContain('lot_unavailable');

    // The next run has nothing to give it: the need stays unmet, not served twice.
    const next = await run(districtCode);
    expect(next.summary.allocations).toBe(0);
    expect(await allocationsOf(need.needId)).toHaveLength(1);
  });

  it('should offer the lot what donations still has, and serve the need from it once', async () => {
    const { need, lot, districtCode } = await supply(10, 6);
    await run(districtCode);
    const [allocation] = await allocationsOf(need.needId);
    if (!allocation) throw new Error('expected an allocation');
    // Donations wrote off 5 of its 10 available before it handled the allocation of 6.
    await h.bus.publish(lotWrittenOff.subject, writtenOff(lot.lotId, 5));
    await expect.poll(async () => (await lotRow(lot.lotId))?.units_short).toBe(1);
    await h.bus.publish(
      allocationRefused.subject,
      refused(allocation, { needId: need.needId, lotId: lot.lotId, quantityAvailable: 5 }),
    );
    await expect
      .poll(() => lotRow(lot.lotId))
      .toEqual({ quantity: 5, allocated: 0, units_short: 0 });
    const next = await run(districtCode);
    expect(next.summary.unitsAllocated).toBe(5);
    const all = await allocationsOf(need.needId);
    expect(all.map((a) => [a.status, a.quantity])).toEqual([
      ['released', 6],
      ['ordered', 5],
    ]);
    expect(await needRow(need.needId)).toEqual({ status: 'open', quantity: 6, allocated: 5 });
  });

  it('should only note the refusal of an allocation released meanwhile', async () => {
    const { need, lot, districtCode } = await supply(4, 4);
    await run(districtCode);
    const [allocation] = await allocationsOf(need.needId);
    if (!allocation) throw new Error('expected an allocation');
    await h.db
      .updateTable('allocations')
      .set({ status: 'released' })
      .where('id', '=', allocation.id)
      .execute();
    const before = releases.length;
    await h.bus.publish(
      allocationRefused.subject,
      refused(allocation, { needId: need.needId, lotId: lot.lotId, quantityAvailable: 0 }),
    );
    await expect
      .poll(async () =>
        ((await allocationsOf(need.needId))[0]?.reasons as { code: string }[]).map((r) => r.code),
      )
      .toContain('lot_unavailable');
    expect(releases.length).toBe(before);
    expect(await needRow(need.needId)).toMatchObject({ allocated: 4 });
  });
});
