import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EventOf } from '@anbu/contracts';
import { lotExpired, lotReceived, lotWrittenOff } from '@anbu/contracts/events';

import type { MatchingHarness } from './testing/harness.js';
import { readStockLots } from './repo/run-input.js';
import { startMatching } from './testing/harness.js';

const depotId = randomUUID();

function envelope<K extends string, T>(type: K, version: number, data: T) {
  return { id: randomUUID(), type, version, occurredAt: new Date().toISOString(), data };
}

function received(lotId: string, quantity: number): EventOf<typeof lotReceived> {
  return envelope(lotReceived.type, lotReceived.version, {
    lotId,
    depotId,
    category: 'dairy' as const,
    unit: 'pack' as const,
    quantity,
    storageClass: 'chilled' as const,
    restrictions: { householdTypes: [], districtCodes: [] },
  });
}

function expired(lotId: string): EventOf<typeof lotExpired> {
  return envelope(lotExpired.type, lotExpired.version, {
    lotId,
    depotId,
    expiresOn: '2026-01-01',
    quantityWrittenOff: 10,
  });
}

function writtenOff(lotId: string, quantity: number): EventOf<typeof lotWrittenOff> {
  return envelope(lotWrittenOff.type, lotWrittenOff.version, {
    lotId,
    depotId,
    quantityWrittenOff: quantity,
    quantityAvailable: 10 - quantity,
    reason: 'torn packs',
    at: new Date().toISOString(),
    by: { kind: 'user' as const, id: randomUUID() },
  });
}

// Donations emits a lot's events in order, but a consumer with several handlers in flight, or a
// redelivery after a failure, may handle a later one first: the view must end up the same.
describe('lot events handled before their lot.received', () => {
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
      .select(['quantity', 'status', 'category'])
      .where('lot_id', '=', lotId)
      .executeTakeFirst();
  const offered = async (lotId: string) =>
    (await readStockLots(h.db, '2026-01-01')).some((l) => l.lotId === lotId);

  it('should keep a lot expired when its lot.expired is handled first', async () => {
    const lotId = randomUUID();
    await h.bus.publish(lotExpired.subject, expired(lotId));
    await expect.poll(async () => (await lot(lotId))?.status).toBe('expired');
    await h.bus.publish(lotReceived.subject, received(lotId, 10));
    await expect
      .poll(() => lot(lotId), { timeout: 10_000 })
      .toEqual({ quantity: 10, status: 'expired', category: 'dairy' });
    expect(await offered(lotId)).toBe(false);
  });

  it('should apply a write-off handled before its lot.received once the lot arrives', async () => {
    const lotId = randomUUID();
    await h.bus.publish(lotWrittenOff.subject, writtenOff(lotId, 3));
    await h.bus.publish(lotReceived.subject, received(lotId, 10));
    await expect
      .poll(() => lot(lotId), { timeout: 20_000 })
      .toEqual({ quantity: 7, status: 'in_stock', category: 'dairy' });
    expect(await offered(lotId)).toBe(true);
  });
});
