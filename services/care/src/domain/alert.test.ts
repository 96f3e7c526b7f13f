import { describe, expect, it } from 'vitest';

import {
  canReadAlert,
  canWorkAlert,
  newAlert,
  nextEscalation,
  refuseAcknowledge,
} from './alert.js';

const now = new Date('2026-11-25T00:00:00.000Z');
const base = {
  id: '11111111-1111-4111-8111-111111111111',
  householdId: '22222222-2222-4222-8222-222222222222',
  districtCode: '5214057000',
  reason: 'not_home_twice',
  summary: 'Not home at two visits in a row',
  now,
};

describe('newAlert', () => {
  it('should set the acknowledgement deadline from the severity', () => {
    expect(newAlert({ ...base, severity: 'critical' }).ackDeadline).toBe(
      '2026-11-25T00:15:00.000Z',
    );
    expect(newAlert({ ...base, severity: 'low' }).ackDeadline).toBe('2026-11-26T00:00:00.000Z');
  });

  it('should refuse to acknowledge twice', () => {
    const alert = newAlert({ ...base, severity: 'high' });
    expect(refuseAcknowledge(alert)).toBeUndefined();
    expect(
      refuseAcknowledge({ ...alert, status: 'acknowledged', acknowledgedAt: now.toISOString() }),
    ).toMatch(/already/);
  });
});

describe('canWorkAlert', () => {
  const caseworker = {
    kind: 'user' as const,
    id: 'u',
    role: 'caseworker' as const,
    districtCodes: ['5214057000'],
  };

  it('should let caseworkers work their own districts only, and auditors only read', () => {
    expect(canWorkAlert(caseworker, '5214057000')).toBe(true);
    expect(canWorkAlert(caseworker, '5214025000')).toBe(false);
    const auditor = { ...caseworker, role: 'auditor' as const };
    expect(canWorkAlert(auditor, '5214057000')).toBe(false);
    expect(canReadAlert(auditor, '5214057000')).toBe(true);
  });
});

describe('nextEscalation', () => {
  const alert = newAlert({ ...base, severity: 'critical' });
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('should escalate to the program manager past the deadline, then to an admin, then stop', () => {
    expect(nextEscalation(alert, later(14))).toBeUndefined();
    const first = nextEscalation(alert, later(15));
    expect(first).toEqual({
      level: 1,
      toRole: 'program_manager',
      ackDeadline: later(30).toISOString(),
    });
    const escalated = {
      ...alert,
      status: 'escalated' as const,
      escalationLevel: 1,
      ackDeadline: later(30).toISOString(),
    };
    expect(nextEscalation(escalated, later(29))).toBeUndefined();
    expect(nextEscalation(escalated, later(31))?.toRole).toBe('admin');
    expect(nextEscalation({ ...escalated, escalationLevel: 2 }, later(600))).toBeUndefined();
  });

  it('should not escalate an acknowledged or resolved alert', () => {
    expect(
      nextEscalation(
        { ...alert, status: 'acknowledged', acknowledgedAt: now.toISOString() },
        later(60),
      ),
    ).toBeUndefined();
    expect(nextEscalation({ ...alert, status: 'resolved' }, later(60))).toBeUndefined();
  });
});
