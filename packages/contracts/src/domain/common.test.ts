import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  coordinatesSchema,
  dailyWindowSchema,
  dateTimeSchema,
  MAX_PAGE_SIZE,
  pageRequestSchema,
  seoulDate,
  shortText,
  timeWindowSchema,
} from './common.js';
import { shiftInputSchema } from './shift.js';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('timeWindowSchema', () => {
  it('should accept a window whose end is after its start', () => {
    const window = { start: '2026-11-25T09:00:00+09:00', end: '2026-11-25T12:00:00+09:00' };
    expect(timeWindowSchema.parse(window)).toEqual(window);
  });

  it('should reject an end before the start with the path of the end', () => {
    const result = shiftInputSchema.safeParse({
      carrierId: crypto.randomUUID(),
      date: '2026-11-25',
      window: { start: '2026-11-25T12:00:00+09:00', end: '2026-11-25T09:00:00+09:00' },
      startDepotId: crypto.randomUUID(),
    });
    expect(result.success).toBe(false);
    expect(paths(result)).toEqual(['window.end']);
  });

  it('should still check the window when a sibling field is invalid', () => {
    const result = shiftInputSchema.safeParse({
      carrierId: 'not-a-uuid',
      date: '2026-11-25',
      window: { start: '2026-11-25T12:00:00+09:00', end: '2026-11-25T09:00:00+09:00' },
      startDepotId: crypto.randomUUID(),
    });
    expect(paths(result).sort()).toEqual(['carrierId', 'window.end']);
  });

  it('should accept exactly the windows with end > start', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const window = { start: new Date(a).toISOString(), end: new Date(b).toISOString() };
        expect(timeWindowSchema.safeParse(window).success).toBe(b > a);
      }),
    );
  });
});

describe('dailyWindowSchema', () => {
  it('should reject a malformed time and a reversed window', () => {
    expect(paths(dailyWindowSchema.safeParse({ from: '9:00', to: '12:00' }))).toEqual(['from']);
    expect(paths(dailyWindowSchema.safeParse({ from: '14:00', to: '12:00' }))).toEqual(['to']);
    expect(dailyWindowSchema.safeParse({ from: '09:00', to: '12:00' }).success).toBe(true);
  });
});

describe('coordinatesSchema', () => {
  it('should reject latitudes and longitudes out of range', () => {
    expect(paths(coordinatesSchema.safeParse({ lat: 91, lng: 126.9 }))).toEqual(['lat']);
    expect(paths(coordinatesSchema.safeParse({ lat: 35.9, lng: -181 }))).toEqual(['lng']);
    expect(coordinatesSchema.safeParse({ lat: 35.95, lng: 126.96 }).success).toBe(true);
  });
});

describe('shortText', () => {
  it('should reject oversized and empty text', () => {
    const schema = shortText(10);
    expect(schema.safeParse('x'.repeat(11)).success).toBe(false);
    expect(schema.safeParse('   ').success).toBe(false);
    expect(schema.parse('  안부  ')).toBe('안부');
  });
});

describe('pageRequestSchema', () => {
  it('should default the page size and cap it', () => {
    expect(pageRequestSchema.parse({}).limit).toBe(50);
    expect(paths(pageRequestSchema.safeParse({ limit: MAX_PAGE_SIZE + 1 }))).toEqual(['limit']);
  });
});

describe('seoulDate', () => {
  it('should give the Korean calendar day of an instant', () => {
    expect(seoulDate(new Date('2026-11-25T14:59:59Z'))).toBe('2026-11-25');
    expect(seoulDate(new Date('2026-11-25T15:00:00Z'))).toBe('2026-11-26');
  });
});

describe('dateTimeSchema', () => {
  it('should accept instants of years 0001 to 9999 and give them back unchanged through Date', () => {
    for (const value of ['0020-05-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      expect(dateTimeSchema.safeParse(value).success, value).toBe(true);
      const back = new Date(value).toISOString();
      expect(dateTimeSchema.safeParse(back).success, back).toBe(true);
    }
  });

  it('should refuse instants PostgreSQL or toISOString cannot carry back', () => {
    for (const value of [
      '0000-06-01T00:00:00Z',
      '0001-01-01T00:00:00+09:00',
      '9999-12-31T23:59:59-09:00',
    ]) {
      expect(dateTimeSchema.safeParse(value).success, value).toBe(false);
    }
  });
});
