import { describe, expect, it } from 'vitest';

import { canAcknowledge, countdown, sortAlerts } from './alert-order.js';

const base = {
  raisedAt: '2026-11-25T09:00:00+09:00',
  ackDeadline: '2026-11-25T10:00:00+09:00',
} as const;

describe('sortAlerts', () => {
  it('should put open alerts first, then by severity, then by the nearest deadline', () => {
    const alerts = [
      { ...base, id: 'resolved-critical', status: 'resolved', severity: 'critical' },
      { ...base, id: 'low', status: 'raised', severity: 'low' },
      {
        ...base,
        id: 'high-late',
        status: 'raised',
        severity: 'high',
        ackDeadline: '2026-11-25T11:00:00+09:00',
      },
      { ...base, id: 'high-soon', status: 'acknowledged', severity: 'high' },
      { ...base, id: 'critical', status: 'escalated', severity: 'critical' },
    ] as const;
    expect(sortAlerts(alerts).map((a) => a.id)).toEqual([
      'critical',
      'high-soon',
      'high-late',
      'low',
      'resolved-critical',
    ]);
  });

  it('should not change the array it was given', () => {
    const alerts = [
      { ...base, status: 'raised', severity: 'low' },
      { ...base, status: 'raised', severity: 'high' },
    ] as const;
    const copy = [...alerts];
    sortAlerts(alerts);
    expect(alerts).toEqual(copy);
  });
});

describe('countdown', () => {
  const deadline = Date.parse('2026-11-25T10:00:00+09:00');

  it('should count whole minutes up while time is left', () => {
    expect(countdown(deadline, deadline - 90 * 60_000 - 1)).toEqual({
      overdue: false,
      hours: 1,
      minutes: 31,
      urgent: false,
    });
    expect(countdown(deadline, deadline - 10_000)).toMatchObject({ minutes: 1, urgent: true });
  });

  it('should say overdue once the deadline has passed', () => {
    expect(countdown(new Date(deadline).toISOString(), deadline + 5 * 60_000 + 30_000)).toEqual({
      overdue: true,
      hours: 0,
      minutes: 5,
      urgent: true,
    });
  });
});

describe('canAcknowledge', () => {
  it('should allow raised and escalated alerts only', () => {
    expect(canAcknowledge({ status: 'raised' })).toBe(true);
    expect(canAcknowledge({ status: 'escalated' })).toBe(true);
    expect(canAcknowledge({ status: 'acknowledged' })).toBe(false);
    expect(canAcknowledge({ status: 'resolved' })).toBe(false);
  });
});
