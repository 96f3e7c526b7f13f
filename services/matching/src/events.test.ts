import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf } from '@anbu/contracts';
import { lotReceived, lotWrittenOff } from '@anbu/contracts/events';

import type { MatchingHarness } from './testing/harness.js';
import { readStockLots } from './repo/run-input.js';
import { startMatching } from './testing/harness.js';

const depotId = randomUUID();

function received(lotId: string, quantity: number): EventOf<typeof lotReceived> {
  return {
    id: randomUUID(),
    type: lotReceived.type,
    version: lotReceived.version,
    occurredAt: new Date().toISOString(),
    data: {
      lotId,
      depotId,
      category: 'dairy',
      unit: 'pack',
      quantity,
      storageClass: 'chilled',
      restrictions: { householdTypes: [], districtCodes: [] },
    },
  };
}

function writtenOff(lotId: string, quantity: number): EventOf<typeof lotWrittenOff> {
  return {
    id: randomUUID(),
    type: lotWrittenOff.type,
    version: lotWrittenOff.version,
    occurredAt: new Date().toISOString(),
    data: {
      lotId,
      depotId,
      quantityWrittenOff: quantity,
      quantityAvailable: 0,
      reason: 'torn packs',
      at: new Date().toISOString(),
      by: { kind: 'user', id: randomUUID() },
    },
  };
}

describe('written-off lots in the matcher’s view', () => {
  let h: MatchingHarness;
  beforeAll(async () => {
    h = await startMatching();
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  const lot = (lotId: string) =>
    h.db
      .selectFrom('stock_lots')
      .select(['quantity', 'allocated'])
      .where('lot_id', '=', lotId)
      .executeTakeFirst();
  const available = async (lotId: string) =>
    (await readStockLots(h.db, '2026-01-01')).find((l) => l.lotId === lotId)?.quantity;

  it('should offer fewer units after a write-off, once however often the event is delivered', async () => {
    const lotId = randomUUID();
    await h.bus.publish(lotReceived.subject, received(lotId, 10));
    await expect.poll(() => lot(lotId)).toEqual({ quantity: 10, allocated: 0 });
    const event = writtenOff(lotId, 3);
    await h.bus.publish(lotWrittenOff.subject, event);
    await h.bus.publish(lotWrittenOff.subject, event);
    // Another lot's event after them shows both deliveries were handled.
    const marker = randomUUID();
    await h.bus.publish(lotReceived.subject, received(marker, 1));
    await expect.poll(() => lot(marker)).toBeDefined();
    expect(await lot(lotId)).toEqual({ quantity: 7, allocated: 0 });
    expect(await available(lotId)).toBe(7);
  });

  it('should never take a lot below what is already allocated of it', async () => {
    const lotId = randomUUID();
    await h.bus.publish(lotReceived.subject, received(lotId, 10));
    await expect.poll(() => lot(lotId)).toBeDefined();
    await h.db
      .updateTable('stock_lots')
      .set({ allocated: 4 })
      .where('lot_id', '=', lotId)
      .execute();
    await h.bus.publish(lotWrittenOff.subject, writtenOff(lotId, 9));
    await expect.poll(async () => (await lot(lotId))?.quantity).toBe(4);
    expect(await available(lotId)).toBeUndefined();
  });
});
