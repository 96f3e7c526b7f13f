import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Envelope, EventOf } from '@anbu/contracts';
import { on } from '@anbu/bus';
import { idSchema } from '@anbu/contracts';
import {
  deliveryOrdered,
  deliveryWithdrawn,
  needCancelled,
  needCreated,
} from '@anbu/contracts/events';

import type { MatchingHarness } from './testing/harness.js';
import { readOpenNeeds } from './repo/run-input.js';
import { visitOrderId } from './repo/visit-orders.js';
import { needEvent, startMatching } from './testing/harness.js';

function cancelled(needId: string): EventOf<typeof needCancelled> {
  return {
    id: randomUUID(),
    type: needCancelled.type,
    version: needCancelled.version,
    occurredAt: new Date().toISOString(),
    data: { needId, householdId: randomUUID(), reason: 'by_caseworker' },
  };
}

const visitNeed = () =>
  needEvent({
    source: 'follow_up',
    category: 'welfare_visit',
    quantity: 1,
    unit: 'visit',
    deadline: '2099-01-02',
    priority: 75,
  });

describe('visit needs in matching', () => {
  let h: MatchingHarness;
  const events: Envelope[] = [];
  const ofType = (type: string) => events.filter((e) => e.type === type);

  beforeAll(async () => {
    h = await startMatching();
    const record = (e: Envelope) => {
      events.push(e);
      return Promise.resolve();
    };
    await h.bus.consume({
      durable: 'test_visit_orders',
      routes: [on(deliveryOrdered, record), on(deliveryWithdrawn, record)],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });
  beforeEach(() => {
    events.length = 0;
  });

  it('should order a visit for a welfare_visit need: kind visit, by its deadline, nothing to load', async () => {
    const event = visitNeed();
    await h.bus.publish(needCreated.subject, event);
    await expect.poll(() => ofType(deliveryOrdered.type).length, { timeout: 10_000 }).toBe(1);
    expect(ofType(deliveryOrdered.type)[0]?.data).toEqual({
      orderId: visitOrderId(event.data.needId),
      kind: 'visit',
      householdId: event.data.householdId,
      districtCode: event.data.districtCode,
      needIds: [event.data.needId],
      allocations: [],
      items: [],
      storageClass: 'ambient',
      deliverBy: '2099-01-02',
      priority: 75,
    });
    // No allocation run considers it: there is no stock for a visit.
    const open = await readOpenNeeds(h.db, { today: '2026-01-01', districtCodes: [] });
    expect(open.map((n) => n.needId)).not.toContain(event.data.needId);
  });

  it('should order one visit per need, however often or under whatever event id it arrives', async () => {
    const event = visitNeed();
    await h.bus.publish(needCreated.subject, event);
    await h.bus.publish(needCreated.subject, event);
    await h.bus.publish(needCreated.subject, { ...event, id: randomUUID() });
    // A later need's order shows the three deliveries before it were handled.
    const marker = visitNeed();
    await h.bus.publish(needCreated.subject, marker);
    await expect
      .poll(
        () => ofType(deliveryOrdered.type).map((e) => (e.data as { orderId: string }).orderId),
        {
          timeout: 10_000,
        },
      )
      .toContain(visitOrderId(marker.data.needId));
    const orders = ofType(deliveryOrdered.type).filter(
      (e) => (e.data as { needIds: string[] }).needIds[0] === event.data.needId,
    );
    expect(orders).toHaveLength(1);
  });

  it('should not order a visit for a stock need', async () => {
    const stock = needEvent({ category: 'rice_grain' });
    await h.bus.publish(needCreated.subject, stock);
    const marker = visitNeed();
    await h.bus.publish(needCreated.subject, marker);
    await expect.poll(() => ofType(deliveryOrdered.type).length, { timeout: 10_000 }).toBe(1);
    expect((ofType(deliveryOrdered.type)[0]?.data as { needIds: string[] }).needIds).toEqual([
      marker.data.needId,
    ]);
    const open = await readOpenNeeds(h.db, { today: '2026-01-01', districtCodes: [] });
    expect(open.map((n) => n.needId)).toContain(stock.data.needId);
  });

  it('should withdraw the visit order once when its need is cancelled', async () => {
    const event = visitNeed();
    await h.bus.publish(needCreated.subject, event);
    await expect.poll(() => ofType(deliveryOrdered.type).length, { timeout: 10_000 }).toBe(1);
    const cancel = cancelled(event.data.needId);
    await h.bus.publish(needCancelled.subject, cancel);
    await h.bus.publish(needCancelled.subject, cancel);
    await h.bus.publish(needCancelled.subject, { ...cancel, id: randomUUID() });
    await expect.poll(() => ofType(deliveryWithdrawn.type).length, { timeout: 10_000 }).toBe(1);
    const marker = visitNeed();
    await h.bus.publish(needCreated.subject, marker);
    await expect.poll(() => ofType(deliveryOrdered.type).length, { timeout: 10_000 }).toBe(2);
    expect(ofType(deliveryWithdrawn.type).map((e) => e.data)).toEqual([
      {
        orderId: visitOrderId(event.data.needId),
        needIds: [event.data.needId],
        reason: 'need_cancelled',
      },
    ]);
  });
});

describe('visit needs cancelled before the matcher saw them', () => {
  let h: MatchingHarness;
  const events: Envelope[] = [];
  beforeAll(async () => {
    h = await startMatching();
    await h.bus.consume({
      durable: 'test_visit_tombstones',
      routes: [
        on(deliveryOrdered, (e) => Promise.resolve(void events.push(e))),
        on(deliveryWithdrawn, (e) => Promise.resolve(void events.push(e))),
      ],
    });
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should order no visit for a need whose cancellation came first', async () => {
    const event = visitNeed();
    await h.bus.publish(needCancelled.subject, cancelled(event.data.needId));
    await h.bus.publish(needCreated.subject, event);
    const marker = visitNeed();
    await h.bus.publish(needCreated.subject, marker);
    await expect.poll(() => events.length, { timeout: 10_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(events.map((e) => (e.data as { needIds: string[] }).needIds)).toEqual([
      [marker.data.needId],
    ]);
    const view = await h.db
      .selectFrom('open_needs')
      .select('status')
      .where('need_id', '=', event.data.needId)
      .executeTakeFirst();
    expect(view?.status).toBe('cancelled');
  });
});

describe('visitOrderId', () => {
  it('should give every need one stable, valid UUID of its own', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        expect(idSchema.safeParse(visitOrderId(a)).success).toBe(true);
        expect(visitOrderId(a)).toBe(visitOrderId(a));
        if (a !== b) expect(visitOrderId(a)).not.toBe(visitOrderId(b));
      }),
    );
  });
});
