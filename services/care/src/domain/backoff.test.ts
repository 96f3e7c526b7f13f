import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MAX_NOTIFICATION_ATTEMPTS, retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('should double from the base and stop after the last attempt', () => {
    expect([1, 2, 3].map((attempts) => retryDelayMs({ attempts, baseMs: 100 }))).toEqual([
      100, 200, 400,
    ]);
    expect(retryDelayMs({ attempts: MAX_NOTIFICATION_ATTEMPTS })).toBeUndefined();
  });

  it('should never shrink and never pass the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 10_000 }),
        (n, base) => {
          const options = { baseMs: base, maxMs: 50 * base, maxAttempts: 30 };
          const a = retryDelayMs({ ...options, attempts: n }) ?? 0;
          const b = retryDelayMs({ ...options, attempts: n + 1 }) ?? 0;
          expect(b).toBeGreaterThanOrEqual(a);
          expect(b).toBeLessThanOrEqual(50 * base);
        },
      ),
    );
  });
});
