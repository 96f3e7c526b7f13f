import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { OutboxDatabase } from '@anbu/bus/outbox';
import { RpcRemoteError } from '@anbu/bus';
import { lotReceived, needCreated } from '@anbu/contracts/events';
import { listAllocationRuns, listAllocations } from '@anbu/contracts/rpc';

import type { MatchingHarness } from './testing/harness.js';
import { SUPPLY_CONSUMER } from './events.js';
import { startMatching } from './testing/harness.js';

const staff = {
  kind: 'user' as const,
  id: 'u-1',
  role: 'program_manager' as const,
  districtCodes: [],
};

function needEvent(needId: string) {
  return {
    id: randomUUID(),
    type: needCreated.type,
    version: needCreated.version,
    occurredAt: new Date().toISOString(),
    data: {
      needId,
      householdId: randomUUID(),
      districtCode: '5214057000',
      source: 'cycle' as const,
      category: 'side_dishes' as const,
      quantity: 1,
      unit: 'box' as const,
      deadline: '2026-12-08',
      priority: 40,
    },
  };
}

describe('matching service', () => {
  let h: MatchingHarness;
  beforeAll(async () => {
    h = await startMatching();
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  it('should record a need once even when the event is delivered twice', async () => {
    const needId = randomUUID();
    const event = needEvent(needId);
    await h.bus.publish(needCreated.subject, event);
    await h.bus.publish(needCreated.subject, event);
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('open_needs')
              .select('need_id')
              .where('need_id', '=', needId)
              .execute()
          ).length,
      )
      .toBe(1);
    const inbox = await (h.db as unknown as Kysely<OutboxDatabase>)
      .selectFrom('inbox')
      .select('event_id')
      .where('consumer', '=', SUPPLY_CONSUMER)
      .where('event_id', '=', event.id)
      .execute();
    expect(inbox).toHaveLength(1);
  });

  it('should add received lots to its view of stock', async () => {
    const lotId = randomUUID();
    await h.bus.publish(lotReceived.subject, {
      id: randomUUID(),
      type: lotReceived.type,
      version: lotReceived.version,
      occurredAt: new Date().toISOString(),
      data: {
        lotId,
        depotId: randomUUID(),
        category: 'instant_food',
        unit: 'box',
        quantity: 38,
        storageClass: 'ambient',
        restrictions: { householdTypes: [], districtCodes: [] },
      },
    });
    await expect
      .poll(async () =>
        (
          await h.db
            .selectFrom('stock_lots')
            .select('quantity')
            .where('lot_id', '=', lotId)
            .execute()
        ).map((r) => r.quantity),
      )
      .toEqual([38]);
  });

  it('should list allocations and runs to staff, and refuse partners', async () => {
    expect(await h.bus.request(listAllocations, {}, { actor: staff })).toEqual({ items: [] });
    expect(await h.bus.request(listAllocationRuns, {}, { actor: staff })).toEqual({ items: [] });
    const error = await h.bus
      .request(listAllocations, {}, { actor: { ...staff, role: 'partner' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcRemoteError);
    expect((error as RpcRemoteError).code).toBe('FORBIDDEN');
  });

  it('should refuse a malformed request naming the field', async () => {
    const error = await h.bus
      .request(listAllocations, { limit: 0 }, { actor: staff })
      .catch((e: unknown) => e);
    expect((error as RpcRemoteError).issues.map((i) => i.path)).toEqual(['limit']);
  });
});
