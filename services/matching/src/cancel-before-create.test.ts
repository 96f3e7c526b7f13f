import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { needCancelled, needCreated } from '@anbu/contracts/events';

import type { MatchingHarness } from './testing/harness.js';
import { startMatching } from './testing/harness.js';

const envelope = <T>(type: string, version: number, data: T) => ({
  id: randomUUID(),
  type,
  version,
  occurredAt: new Date().toISOString(),
  data,
});

/**
 * Events are handled concurrently and redelivered, so a need's cancellation can be handled
 * before its creation (the supply model test saw a cancelled need allocated): the need must
 * then enter the matcher's view cancelled, never open.
 */
describe('a need cancelled before the matcher has seen it', () => {
  let h: MatchingHarness;
  beforeAll(async () => {
    h = await startMatching();
  });
  afterAll(async () => {
    await h[Symbol.asyncDispose]();
  });

  const status = (needId: string) =>
    h.db
      .selectFrom('open_needs')
      .select('status')
      .where('need_id', '=', needId)
      .executeTakeFirst()
      .then((row) => row?.status);

  it('should keep it cancelled when need.created arrives after need.cancelled', async () => {
    const needId = randomUUID();
    const householdId = randomUUID();
    await h.bus.publish(
      needCancelled.subject,
      envelope(needCancelled.type, needCancelled.version, {
        needId,
        householdId,
        reason: 'by_caseworker' as const,
      }),
    );
    await expect
      .poll(() =>
        h.db
          .selectFrom('cancelled_needs')
          .select('need_id')
          .where('need_id', '=', needId)
          .executeTakeFirst(),
      )
      .toBeDefined();
    await h.bus.publish(
      needCreated.subject,
      envelope(needCreated.type, needCreated.version, {
        needId,
        householdId,
        districtCode: 'D01',
        source: 'ad_hoc' as const,
        category: 'rice_grain' as const,
        quantity: 2,
        unit: 'bag' as const,
        deadline: '2099-01-01',
        priority: 50,
      }),
    );
    await expect.poll(() => status(needId), { timeout: 30_000 }).toBe('cancelled');
  });
});
