import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cycleNeeds, needPriority } from './need.js';

const enrolment = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  householdId: `h-${id}`,
  status: 'active' as const,
  startsOn: '2026-12-01',
  endsOn: undefined,
  ...overrides,
});

describe('cycleNeeds', () => {
  const template = [
    { category: 'side_dishes' as const, quantity: 1, unit: 'box' as const },
    { category: 'dairy' as const, quantity: 2, unit: 'bottle' as const },
  ];

  it('should give every live enrolment one need per template line', () => {
    const needs = cycleNeeds({
      enrolments: [enrolment('a'), enrolment('b')],
      itemTemplate: template,
      deliverBy: '2026-12-08',
    });
    expect(needs.map((n) => `${n.enrolmentId}:${n.lineIndex}`)).toEqual([
      'a:0',
      'a:1',
      'b:0',
      'b:1',
    ]);
  });

  it('should skip enrolments not started, ended or paused on the delivery day', () => {
    const needs = cycleNeeds({
      enrolments: [
        enrolment('late', { startsOn: '2026-12-10' }),
        enrolment('over', { endsOn: '2026-12-07' }),
        enrolment('paused', { status: 'paused' }),
        enrolment('ok'),
      ],
      itemTemplate: template.slice(0, 1),
      deliverBy: '2026-12-08',
    });
    expect(needs.map((n) => n.enrolmentId)).toEqual(['ok']);
  });
});

describe('needPriority', () => {
  it('should stay within 0 … 100 and rise with risk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (base) => {
        const low = needPriority({ base, riskLevel: 'low' });
        const critical = needPriority({ base, riskLevel: 'critical' });
        expect(low).toBeGreaterThanOrEqual(0);
        expect(critical).toBeLessThanOrEqual(100);
        expect(critical).toBeGreaterThanOrEqual(low);
      }),
    );
  });
});
