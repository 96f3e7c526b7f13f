import { describe, expect, it } from 'vitest';

import { alertsBySeverity, figuresByDistrict, toCsv } from './figures.js';

describe('figuresByDistrict', () => {
  it('should count orders, leave cancelled ones out of the fill rate, and count alerts', () => {
    expect(
      figuresByDistrict({
        orders: [
          { districtCode: 'B', status: 'done' },
          { districtCode: 'B', status: 'done' },
          { districtCode: 'B', status: 'failed' },
          { districtCode: 'B', status: 'cancelled' },
          { districtCode: 'A', status: 'open' },
        ],
        alerts: [{ districtCode: 'B' }, { districtCode: 'C' }],
      }),
    ).toEqual([
      { districtCode: 'A', orders: 1, done: 0, failed: 0, alerts: 0, fillRate: 0 },
      { districtCode: 'B', orders: 3, done: 2, failed: 1, alerts: 1, fillRate: 66.7 },
      { districtCode: 'C', orders: 0, done: 0, failed: 0, alerts: 1, fillRate: 0 },
    ]);
  });
});

describe('alertsBySeverity', () => {
  it('should split each severity into open and resolved', () => {
    const rows = alertsBySeverity([
      { severity: 'high', status: 'raised' },
      { severity: 'high', status: 'resolved' },
      { severity: 'low', status: 'acknowledged' },
    ]);
    expect(rows.find((r) => r.severity === 'high')).toEqual({
      severity: 'high',
      open: 1,
      resolved: 1,
    });
    expect(rows.map((r) => r.severity)).toEqual(['critical', 'high', 'medium', 'low']);
  });
});

describe('toCsv', () => {
  it('should quote cells with commas or quotes and end lines with CRLF', () => {
    expect(toCsv(['읍면동', 'n'], [['a, "b"', 3]])).toBe('\uFEFF읍면동,n\r\n"a, ""b""",3\r\n');
  });
});
