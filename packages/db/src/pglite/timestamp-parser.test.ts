import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';

import { inThreadSession } from './pglite-session.js';
import { parseTimestamp } from './timestamp-parser.js';

describe('parseTimestamp', () => {
  it('should read every year PostgreSQL stores, with offsets and BC', () => {
    expect(parseTimestamp('0020-05-01 00:00:00+00').toISOString()).toBe('0020-05-01T00:00:00.000Z');
    expect(parseTimestamp('0001-01-01 09:00:00.25+09').toISOString()).toBe(
      '0001-01-01T00:00:00.250Z',
    );
    expect(parseTimestamp('0001-12-31 15:00:00+00 BC').toISOString()).toBe(
      '0000-12-31T15:00:00.000Z',
    );
    expect(parseTimestamp('2026-11-25 05:30:00+05:30').toISOString()).toBe(
      '2026-11-25T00:00:00.000Z',
    );
    expect(parseTimestamp('9999-12-31 23:59:59.999999').toISOString()).toBe(
      '9999-12-31T23:59:59.999Z',
    );
    expect(Number.isNaN(parseTimestamp('infinity').getTime())).toBe(true);
  });

  it('should round-trip early years through PGlite (its own parser made year 20 invalid)', async () => {
    const session = inThreadSession(await PGlite.create('memory://'));
    try {
      for (const instant of ['0020-05-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z']) {
        const { rows } = await session.query({
          schema: 'public',
          sql: 'select $1::timestamptz as t',
          params: [instant],
        });
        expect((rows[0] as { t: Date }).t.toISOString()).toBe(instant);
      }
    } finally {
      await session.close();
    }
  });
});
