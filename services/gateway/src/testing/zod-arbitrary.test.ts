import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { Internals } from './zod-arbitrary.js';
import { validOf, wrongValueOf } from './zod-arbitrary.js';

describe('zod arbitraries', () => {
  const schema = z.object({
    id: z.uuid(),
    name: z.string().trim().min(1).max(20),
    count: z.int().min(1).max(9),
    kind: z.enum(['a', 'b']),
    tags: z.array(z.string().max(3)).max(2).optional(),
    when: z.iso.date(),
  });

  it('should generate only values the schema accepts', () => {
    fc.assert(
      fc.property(validOf(schema), (value) => schema.safeParse(value).success),
      {
        numRuns: 200,
      },
    );
  });

  it('should generate a wrong value for every leaf that the leaf refuses', () => {
    const shape = schema.shape;
    for (const leaf of Object.values(shape)) {
      fc.assert(
        fc.property(wrongValueOf(leaf as unknown as Internals), (value) => {
          expect(leaf.safeParse(value).success).toBe(false);
        }),
        { numRuns: 30 },
      );
    }
  });
});
