import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Envelope } from '@anbu/contracts';
import { on, RpcRemoteError } from '@anbu/bus';
import { seoulDate } from '@anbu/contracts';
import {
  allocationMade,
  allocationReleased,
  deliveryOrdered,
  lotExpired,
  lotReceived,
  needCancelled,
  needCreated,
} from '@anbu/contracts/events';
import {
  explainAllocation,
  listAllocationRuns,
  listAllocations,
  listKitchenCapacity,
  runAllocation,
  setKitchenCapacity,
} from '@anbu/contracts/rpc';

import type { MatchingHarness } from './testing/harness.js';
import { lotEvent, needEvent, startMatching, testDepot, testProfile } from './testing/harness.js';

const manager = {
  kind: 'user' as const,
  id: 'pm-1',
  role: 'program_manager' as const,
  districtCodes: [],
};
const DAY_MS = 86_400_000;

describe('allocation runs', () => {
  let h: MatchingHarness;
  let offsetDays = 0;
  const now = () => new Date(Date.now() + offsetDays * DAY_MS);
  const dayFromNow = (days: number) => seoulDate(new Date(now().getTime() + days * DAY_MS));
  const events: Envelope[] = [];
  const depot = testDepot();

  beforeAll(async () => {
    h = await startMatching({ now });
    h.depots.set(depot.id, depot);
    await h.bus.consume({
      durable: 'test_matching_events',
      routes: [
        on(allocationMade, (e) => {
          events.push(e);
          return Promise.resolve();
        }),
        on(deliveryOrdered, (e) => {
          events.push(e);
          return Promise.resolve();
        }),
        on(allocationReleased, (e) => {
          events.push(e);
          return Promise.resolve();
        }),
      ],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });
  beforeEach(async () => {
    offsetDays = 0;
    events.length = 0;
    // Each test starts from an empty view: earlier needs and lots would join its runs.
    await sql`truncate open_needs, stock_lots, kitchen_capacity, unmet_needs, allocations, allocation_runs cascade`.execute(
      h.db,
    );
  });

  const addNeed = async (data: Parameters<typeof needEvent>[0] = {}, profile = testProfile()) => {
    h.profiles.set(profile.householdId, profile);
    const event = needEvent({
      householdId: profile.householdId,
      districtCode: profile.districtCode,
      ...data,
    });
    await h.bus.publish(needCreated.subject, event);
    await waitFor('open_needs', 'need_id', event.data.needId);
    return event.data;
  };
  const addLot = async (data: Omit<Parameters<typeof lotEvent>[0], 'depotId'> = {}) => {
    const event = lotEvent({ depotId: depot.id, ...data });
    await h.bus.publish(lotReceived.subject, event);
    await waitFor('stock_lots', 'lot_id', event.data.lotId);
    return event.data;
  };
  const waitFor = async (
    table: 'open_needs' | 'stock_lots',
    column: 'need_id' | 'lot_id',
    id: string,
  ) => {
    await expect
      .poll(
        async () =>
          (
            await sql<{
              n: number;
            }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(
              h.db,
            )
          ).rows[0]?.n,
      )
      .toBe(1);
  };
  const run = (input: { dryRun?: boolean } = {}) =>
    h.bus.request(runAllocation, { ...input }, { actor: manager });

  it('should allocate a lot to the need of its category, store it and order the delivery', async () => {
    const need = await addNeed({ category: 'rice_grain', unit: 'bag', quantity: 3 });
    const other = await addNeed({ category: 'bedding', unit: 'set', quantity: 1 });
    const lot = await addLot({ category: 'rice_grain', unit: 'bag', quantity: 5 });

    const { summary, unmet } = await run();
    expect(summary).toMatchObject({
      allocations: 1,
      unitsAllocated: 3,
      needsConsidered: 2,
      lotsConsidered: 1,
    });
    expect(unmet).toEqual([
      {
        needId: other.needId,
        quantityMissing: 1,
        reasons: [expect.objectContaining({ code: 'no_stock' })],
      },
    ]);

    const { items } = await h.bus.request(
      listAllocations,
      { needId: need.needId },
      { actor: manager },
    );
    expect(items).toMatchObject([
      {
        needId: need.needId,
        quantity: 3,
        status: 'ordered',
        source: { kind: 'lot', lotId: lot.lotId, depotId: depot.id },
      },
    ]);
    expect(items[0]?.reasons.map((r) => r.code)).toContain('category_match');
    const ledger = await h.db
      .selectFrom('stock_lots')
      .select(['allocated'])
      .where('lot_id', '=', lot.lotId)
      .execute();
    expect(ledger).toEqual([{ allocated: 3 }]);

    await expect.poll(() => events.length).toBe(2);
    const ordered = events.find((e) => e.type === deliveryOrdered.type);
    expect(ordered?.data).toMatchObject({
      kind: 'delivery',
      householdId: need.householdId,
      depotId: depot.id,
      needIds: [need.needId],
      allocations: [{ lotId: lot.lotId, quantity: 3 }],
      items: [{ category: 'rice_grain', quantity: 3, unit: 'bag' }],
      deliverBy: need.deadline,
    });
    const runs = await h.bus.request(listAllocationRuns, {}, { actor: manager });
    expect(runs.items.map((r) => r.runId)).toEqual([summary.runId]);

    // A second run finds nothing left to do for that need.
    const again = await run();
    expect(again.summary.unitsAllocated).toBe(0);
  });

  it('should compute a dry run without storing or emitting anything', async () => {
    await addNeed();
    await addLot();
    const { summary } = await run({ dryRun: true });
    expect(summary.unitsAllocated).toBe(1);
    expect((await h.bus.request(listAllocations, {}, { actor: manager })).items).toEqual([]);
    expect((await h.bus.request(listAllocationRuns, {}, { actor: manager })).items).toEqual([]);
    const ledger = await h.db.selectFrom('stock_lots').select('allocated').execute();
    expect(ledger).toEqual([{ allocated: 0 }]);
  });

  it('should never allocate a lot past its date, even one the expiry sweep has not reached', async () => {
    const need = await addNeed({ quantity: 2 });
    await addLot({ quantity: 5, expiresOn: dayFromNow(1) });
    offsetDays = 2;
    const { summary, unmet } = await run();
    expect(summary).toMatchObject({ unitsAllocated: 0, lotsConsidered: 0 });
    expect(unmet).toEqual([expect.objectContaining({ needId: need.needId, quantityMissing: 2 })]);
    expect(unmet[0]?.reasons[0]?.code).toBe('no_stock');
  });

  it('should stop using a lot once lot.expired arrives', async () => {
    await addNeed();
    const lot = await addLot({ expiresOn: dayFromNow(5) });
    await h.bus.publish(lotExpired.subject, {
      id: randomUUID(),
      type: lotExpired.type,
      version: lotExpired.version,
      occurredAt: new Date().toISOString(),
      data: {
        lotId: lot.lotId,
        depotId: depot.id,
        expiresOn: dayFromNow(5),
        quantityWrittenOff: 10,
      },
    });
    await expect
      .poll(async () => (await h.db.selectFrom('stock_lots').select('status').execute())[0]?.status)
      .toBe('expired');
    expect((await run()).summary.unitsAllocated).toBe(0);
  });

  it('should explain a need to a caseworker of its district and refuse one of another', async () => {
    const short = await addNeed({ category: 'dairy', unit: 'pack', storageClass: 'chilled' });
    await addLot({ category: 'dairy', unit: 'pack', storageClass: 'ambient' });
    await run();
    const caseworker = {
      ...manager,
      role: 'caseworker' as const,
      districtCodes: [short.districtCode],
    };
    const why = await h.bus.request(
      explainAllocation,
      { needId: short.needId },
      { actor: caseworker },
    );
    expect(why.allocations).toEqual([]);
    expect(why.unmet?.reasons.map((r) => r.code)).toEqual(['storage_class_unavailable']);
    expect(why.reasons[0]?.message).toMatch(/chilled/);

    const elsewhere = { ...caseworker, districtCodes: ['1111051500'] };
    const error = await h.bus
      .request(explainAllocation, { needId: short.needId }, { actor: elsewhere })
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).code).toBe('FORBIDDEN');
    const lists = await h.bus
      .request(listAllocations, {}, { actor: caseworker })
      .catch((e: unknown) => e);
    expect(lists).toBeInstanceOf(RpcRemoteError);
  });

  it('should refuse a run to a caseworker or a partner', async () => {
    for (const role of ['caseworker', 'partner'] as const) {
      const error = await h.bus
        .request(runAllocation, {}, { actor: { ...manager, role } })
        .catch((e: unknown) => e);
      expect((error as RpcRemoteError).code).toBe('FORBIDDEN');
    }
  });

  it('should allocate kitchen capacity to meal-box needs and keep capacity above what is allocated', async () => {
    const kitchenOrganisationId = randomUUID();
    const date = dayFromNow(1);
    const { items } = await h.bus.request(
      setKitchenCapacity,
      { capacities: [{ kitchenOrganisationId, depotId: depot.id, date, boxes: 2 }] },
      { actor: manager },
    );
    expect(items).toMatchObject([
      { kitchenOrganisationId, date, boxes: 2, allocated: 0, category: 'meal_box' },
    ]);
    const need = await addNeed({
      category: 'meal_box',
      unit: 'box',
      quantity: 3,
      storageClass: 'chilled',
      deadline: dayFromNow(3),
    });

    const { summary, unmet } = await run();
    expect(summary.unitsAllocated).toBe(2);
    expect(unmet).toMatchObject([{ needId: need.needId, quantityMissing: 1 }]);
    const listed = await h.bus.request(
      listKitchenCapacity,
      { from: date, to: date },
      { actor: manager },
    );
    expect(listed.items).toMatchObject([{ boxes: 2, allocated: 2 }]);

    const error = await h.bus
      .request(
        setKitchenCapacity,
        { capacities: [{ kitchenOrganisationId, depotId: depot.id, date, boxes: 1 }] },
        { actor: manager },
      )
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).code).toBe('UNPROCESSABLE');
  });

  it('should refuse in the database any allocation above what a lot holds or a need asks', async () => {
    const need = await addNeed({ quantity: 2 });
    const lot = await addLot({ quantity: 2 });
    await expect(
      h.db
        .updateTable('stock_lots')
        .set({ allocated: 3 })
        .where('lot_id', '=', lot.lotId)
        .execute(),
    ).rejects.toThrow(/stock_lots_allocated_within_quantity/);
    await expect(
      h.db
        .updateTable('open_needs')
        .set({ allocated: 3 })
        .where('need_id', '=', need.needId)
        .execute(),
    ).rejects.toThrow(/open_needs_allocated_within_quantity/);
  });

  it('should give the units of a cancelled need back to the lot', async () => {
    const need = await addNeed({ quantity: 2 });
    const lot = await addLot({ quantity: 2 });
    expect((await run()).summary.unitsAllocated).toBe(2);
    await h.bus.publish(needCancelled.subject, {
      id: randomUUID(),
      type: needCancelled.type,
      version: needCancelled.version,
      occurredAt: new Date().toISOString(),
      data: { needId: need.needId, householdId: need.householdId, reason: 'by_caseworker' },
    });
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('stock_lots')
              .select('allocated')
              .where('lot_id', '=', lot.lotId)
              .execute()
          )[0]?.allocated,
      )
      .toBe(0);
    const { items } = await h.bus.request(
      listAllocations,
      { needId: need.needId },
      { actor: manager },
    );
    expect(items.map((a) => a.status)).toEqual(['released']);
    await expect
      .poll(() => events.filter((e) => e.type === allocationReleased.type).map((e) => e.data))
      .toEqual([
        expect.objectContaining({ needId: need.needId, quantity: 2, reason: 'need_cancelled' }),
      ]);
  });

  it('should reopen a need whose lot expired before delivery and serve it from another lot', async () => {
    const need = await addNeed({ quantity: 2 });
    const first = await addLot({ quantity: 2, expiresOn: dayFromNow(1) });
    expect((await run()).summary.unitsAllocated).toBe(2);
    const second = await addLot({ quantity: 2, expiresOn: dayFromNow(30) });
    await h.bus.publish(lotExpired.subject, {
      id: randomUUID(),
      type: lotExpired.type,
      version: lotExpired.version,
      occurredAt: new Date().toISOString(),
      data: {
        lotId: first.lotId,
        depotId: depot.id,
        expiresOn: dayFromNow(1),
        quantityWrittenOff: 0,
      },
    });
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('open_needs')
              .select('allocated')
              .where('need_id', '=', need.needId)
              .execute()
          )[0]?.allocated,
      )
      .toBe(0);
    expect((await run()).summary.unitsAllocated).toBe(2);
    const { items } = await h.bus.request(
      listAllocations,
      { needId: need.needId },
      { actor: manager },
    );
    expect(items.map((a) => [a.status, a.source.kind === 'lot' ? a.source.lotId : ''])).toEqual(
      expect.arrayContaining([
        ['released', first.lotId],
        ['ordered', second.lotId],
      ]),
    );
  });

  it('should answer a retried run with the same Idempotency-Key as the first, without a second run', async () => {
    await addNeed({ quantity: 1 });
    await addLot({ quantity: 5 });
    const call = { actor: manager, idempotencyKey: 'run-2026-11-25-a' };
    const first = await h.bus.request(runAllocation, {}, call);
    await addNeed({ quantity: 1 });
    const again = await h.bus.request(runAllocation, {}, call);
    expect(again).toEqual(first);
    expect((await h.bus.request(listAllocationRuns, {}, { actor: manager })).items).toHaveLength(1);
    // Another key is another run, which serves the need filed since.
    const other = await h.bus.request(
      runAllocation,
      {},
      { ...call, idempotencyKey: 'run-2026-11-25-b' },
    );
    expect(other.summary.unitsAllocated).toBe(1);
  });

  it('should list runs newest first, page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await run()).summary.runId);
    const first = await h.bus.request(listAllocationRuns, { limit: 2 }, { actor: manager });
    expect(first.items.map((r) => r.runId)).toEqual([ids[2], ids[1]]);
    const next = await h.bus.request(
      listAllocationRuns,
      { limit: 2, cursor: first.nextCursor },
      { actor: manager },
    );
    expect(next.items.map((r) => r.runId)).toEqual([ids[0]]);
    expect(next.nextCursor).toBeUndefined();
  });
});
