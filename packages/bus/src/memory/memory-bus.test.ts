import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { defineEvent } from '@anbu/contracts';
import { createTestLogger } from '@anbu/db/testing';

import { on } from '../bus.js';
import { createMemoryBus } from './memory-bus.js';

const tick = defineEvent({
  service: 'dispatch',
  entity: 'prop',
  event: 'ticked',
  version: 1,
  data: z.object({ n: z.number().int(), failures: z.number().int() }),
});

describe('createMemoryBus (properties)', () => {
  it('should handle every event successfully exactly once, whatever fails on the way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        async (failuresPerEvent, replicas, concurrency) => {
          const bus = createMemoryBus({ log: createTestLogger(), retryBaseMs: 1 });
          const successes = new Map<number, number>();
          const attempts = new Map<number, number>();
          const durable = `prop_${randomUUID().slice(0, 8)}`;
          const consumers = await Promise.all(
            Array.from({ length: replicas }, () =>
              bus.consume({
                durable,
                concurrency,
                maxDeliver: 10,
                routes: [
                  on(tick, async (event, delivery) => {
                    attempts.set(event.data.n, delivery.attempt);
                    await sleep(0);
                    if (delivery.attempt <= event.data.failures) throw new Error('flaky');
                    successes.set(event.data.n, (successes.get(event.data.n) ?? 0) + 1);
                  }),
                ],
              }),
            ),
          );
          for (const [n, failures] of failuresPerEvent.entries()) {
            await bus.publish(tick.subject, {
              id: randomUUID(),
              type: tick.type,
              version: 1,
              occurredAt: new Date().toISOString(),
              data: { n, failures },
            });
          }
          const deadline = Date.now() + 5_000;
          while (successes.size < failuresPerEvent.length && Date.now() < deadline) await sleep(5);
          await Promise.all(consumers.map((c) => c.stop()));
          await bus.close();
          expect([...successes.values()].every((count) => count === 1)).toBe(true);
          expect(successes.size).toBe(failuresPerEvent.length);
          failuresPerEvent.forEach((failures, n) => expect(attempts.get(n)).toBe(failures + 1));
        },
      ),
      { numRuns: 30 },
    );
  });
});
