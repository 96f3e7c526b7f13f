import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '@anbu/contracts';
import { allocationReleased, deliveryOrdered, deliveryWithdrawn } from '@anbu/contracts/events';
import { importDispatchBulk } from '@anbu/contracts/rpc';

import type { DispatchHarness } from './testing/harness.js';
import { findOrder } from './repo/orders.js';
import { FIXTURE, startDispatch } from './testing/harness.js';

const system: Actor = { kind: 'system', id: 'system', districtCodes: [] };
const envelope = <T>(type: string, version: number, data: T, id: string = randomUUID()) => ({
  id,
  type,
  version,
  occurredAt: new Date().toISOString(),
  data,
});
const line = (quantity: number) => ({
  category: 'side_dishes' as const,
  quantity,
  unit: 'box' as const,
});

function ordered(orderId: string, allocations: { allocationId: string; quantity: number }[]) {
  return envelope(deliveryOrdered.type, deliveryOrdered.version, {
    orderId,
    kind: 'delivery' as const,
    householdId: randomUUID(),
    districtCode: '5214057000',
    depotId: FIXTURE.depotId,
    needIds: [randomUUID()],
    allocations,
    items: allocations.map((a) => line(a.quantity)),
    storageClass: 'chilled' as const,
    deliverBy: '2026-12-03',
    priority: 10,
  });
}

const released = (allocationId: string, quantity: number, id?: string) =>
  envelope(
    allocationReleased.type,
    allocationReleased.version,
    {
      allocationId,
      needId: randomUUID(),
      source: { kind: 'lot' as const, lotId: randomUUID(), depotId: FIXTURE.depotId },
      quantity,
      reason: 'need_cancelled' as const,
    },
    id,
  );

describe('dispatch consumers: allocation.released', () => {
  let h: DispatchHarness;
  beforeAll(async () => {
    h = await startDispatch();
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should cancel the open order of a released allocation', async () => {
    const orderId = randomUUID();
    const allocationId = randomUUID();
    await h.bus.publish(deliveryOrdered.subject, ordered(orderId, [{ allocationId, quantity: 3 }]));
    await expect
      .poll(async () => (await findOrder(h.db, orderId))?.status, { timeout: 5_000 })
      .toBe('open');
    await h.bus.publish(allocationReleased.subject, released(allocationId, 3));
    await expect
      .poll(async () => (await findOrder(h.db, orderId))?.status, { timeout: 5_000 })
      .toBe('cancelled');
  });

  it('should shrink a shared order once, even when the release is delivered twice', async () => {
    const orderId = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    await h.bus.publish(
      deliveryOrdered.subject,
      ordered(orderId, [
        { allocationId: a, quantity: 3 },
        { allocationId: b, quantity: 5 },
      ]),
    );
    await expect
      .poll(async () => (await findOrder(h.db, orderId))?.status, { timeout: 5_000 })
      .toBe('open');
    const partial = released(b, 2);
    await h.bus.publish(allocationReleased.subject, partial);
    await h.bus.publish(allocationReleased.subject, partial);
    await expect
      .poll(async () => (await findOrder(h.db, orderId))?.items.map((i) => i.quantity), {
        timeout: 5_000,
      })
      .toEqual([3, 3]);
    await h.bus.publish(allocationReleased.subject, released(a, 3));
    await expect
      .poll(async () => await findOrder(h.db, orderId), { timeout: 5_000 })
      .toMatchObject({ status: 'open', allocationIds: [b], items: [line(3)] });
  });

  it('should take units released before their order arrived out of the order', async () => {
    // The consumer handles several messages at once: a release may be handled first.
    const [gone, shrunk, kept] = [randomUUID(), randomUUID(), randomUUID()];
    const cancelledId = randomUUID();
    await h.bus.publish(allocationReleased.subject, released(gone, 2));
    await h.bus.publish(allocationReleased.subject, released(shrunk, 1));
    await h.bus.publish(allocationReleased.subject, released(shrunk, 1));
    const order = ordered(randomUUID(), [
      { allocationId: shrunk, quantity: 5 },
      { allocationId: kept, quantity: 3 },
    ]);
    await h.bus.publish(
      deliveryOrdered.subject,
      ordered(cancelledId, [{ allocationId: gone, quantity: 2 }]),
    );
    await h.bus.publish(deliveryOrdered.subject, order);
    // The same order re-sent under another event id is kept once, its releases applied once.
    await h.bus.publish(deliveryOrdered.subject, { ...order, id: randomUUID() });
    await expect
      .poll(async () => (await findOrder(h.db, cancelledId))?.status, { timeout: 5_000 })
      .toBe('cancelled');
    await expect
      .poll(async () => await findOrder(h.db, order.data.orderId), { timeout: 5_000 })
      .toMatchObject({ status: 'open', allocationIds: [shrunk, kept], items: [line(3), line(3)] });
  });

  it('should leave a planned order to the dispatcher', async () => {
    const orderId = randomUUID();
    const allocationId = randomUUID();
    await h.bus.request(
      importDispatchBulk,
      {
        orders: [
          {
            id: orderId,
            kind: 'delivery',
            householdId: randomUUID(),
            districtCode: '5214057000',
            depotId: FIXTURE.depotId,
            needIds: [],
            allocationIds: [allocationId],
            items: [line(2)],
            storageClass: 'ambient',
            deliverBy: '2026-12-03',
            priority: 0,
            status: 'planned',
            attempts: 0,
            createdAt: new Date().toISOString(),
          },
        ],
      },
      { actor: system },
    );
    const marker = randomUUID();
    const markerOrder = randomUUID();
    await h.bus.publish(
      deliveryOrdered.subject,
      ordered(markerOrder, [{ allocationId: marker, quantity: 1 }]),
    );
    await h.bus.publish(allocationReleased.subject, released(allocationId, 2));
    await h.bus.publish(allocationReleased.subject, released(marker, 1));
    // The later release is applied, so the earlier one was too.
    await expect
      .poll(async () => (await findOrder(h.db, markerOrder))?.status, { timeout: 5_000 })
      .toBe('cancelled');
    expect(await findOrder(h.db, orderId)).toMatchObject({ status: 'planned', items: [line(2)] });
  });
});

describe('dispatch consumers: delivery.withdrawn', () => {
  let h: DispatchHarness;
  beforeAll(async () => {
    h = await startDispatch();
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  const visit = (orderId: string, needId: string) =>
    envelope(deliveryOrdered.type, deliveryOrdered.version, {
      orderId,
      kind: 'visit' as const,
      householdId: randomUUID(),
      districtCode: '5214057000',
      needIds: [needId],
      allocations: [],
      items: [],
      storageClass: 'ambient' as const,
      deliverBy: '2026-12-03',
      priority: 75,
    });
  const withdrawn = (orderId: string, needId: string) =>
    envelope(deliveryWithdrawn.type, deliveryWithdrawn.version, {
      orderId,
      needIds: [needId],
      reason: 'need_cancelled' as const,
    });

  it('should take an open visit order out of the pool', async () => {
    const [orderId, needId] = [randomUUID(), randomUUID()];
    await h.bus.publish(deliveryOrdered.subject, visit(orderId, needId));
    await expect
      .poll(async () => await findOrder(h.db, orderId), { timeout: 5_000 })
      .toMatchObject({ status: 'open', kind: 'visit', items: [], needIds: [needId] });
    await h.bus.publish(deliveryWithdrawn.subject, withdrawn(orderId, needId));
    await expect
      .poll(async () => (await findOrder(h.db, orderId))?.status, { timeout: 5_000 })
      .toBe('cancelled');
  });

  it('should leave a planned order to the dispatcher', async () => {
    const [orderId, needId] = [randomUUID(), randomUUID()];
    await h.bus.publish(deliveryOrdered.subject, visit(orderId, needId));
    await expect
      .poll(async () => (await findOrder(h.db, orderId))?.status, { timeout: 5_000 })
      .toBe('open');
    await h.db
      .updateTable('delivery_orders')
      .set({ status: 'planned' })
      .where('id', '=', orderId)
      .execute();
    await h.bus.publish(deliveryWithdrawn.subject, withdrawn(orderId, needId));
    // A later order on the same durable shows the withdrawal was handled before it.
    const marker = randomUUID();
    await h.bus.publish(deliveryOrdered.subject, visit(marker, randomUUID()));
    await expect
      .poll(async () => (await findOrder(h.db, marker))?.status, { timeout: 5_000 })
      .toBe('open');
    expect((await findOrder(h.db, orderId))?.status).toBe('planned');
  });
});
