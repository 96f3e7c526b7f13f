import type { z } from 'zod';
import { describe, expect, it } from 'vitest';

import { alertSchema } from './alert.js';
import { apiKeySchema } from './api-key.js';
import { auditEntrySchema } from './audit-entry.js';
import { carrierSchema } from './carrier.js';
import { checkInSignalSchema } from './check-in-signal.js';
import { consentSchema } from './consent.js';
import { districtSchema } from './district.js';
import { needSchema } from './need.js';
import { notificationSchema } from './notification.js';
import { organisationSchema } from './organisation.js';
import { planSchema } from './plan.js';
import { planningRunSchema } from './planning-run.js';
import { programSchema } from './program.js';
import { userSchema } from './user.js';
import { visitReportSchema } from './visit-report.js';

const id = () => crypto.randomUUID();
const at = '2026-11-25T10:00:00+09:00';
const stop = {
  id: id(),
  routeId: id(),
  orderId: id(),
  kind: 'delivery',
  householdId: id(),
  sequence: 0,
  eta: at,
  serviceSeconds: 120,
  status: 'planned',
  locked: false,
  updatedAt: at,
};

/** A valid sample per schema, and one field to break with the value that must be refused. */
const cases: [string, z.ZodType, Record<string, unknown>, string, unknown][] = [
  [
    'organisation',
    organisationSchema,
    {
      id: id(),
      name: '익산우체국',
      kind: 'post_office',
      districtCodes: ['4514069000'],
      active: true,
      createdAt: at,
    },
    'kind',
    'bank',
  ],
  [
    'district',
    districtSchema,
    { code: '4514069000', nameKo: '모현동', nameEn: 'Mohyeon-dong' },
    'nameKo',
    '가'.repeat(101),
  ],
  [
    'user',
    userSchema,
    {
      id: id(),
      login: 'cw@iksan.go.kr',
      email: 'cw@iksan.go.kr',
      displayName: '박주무관',
      roles: [{ role: 'caseworker', organisationId: id(), districtCodes: ['4514069000'] }],
      active: true,
      createdAt: at,
    },
    'email',
    'not-an-email',
  ],
  [
    'consent',
    consentSchema,
    {
      id: id(),
      householdId: id(),
      scopes: ['delivery', 'sensitive_data'],
      givenOn: '2026-11-20',
      method: 'written',
      recordedBy: id(),
      recordedAt: at,
    },
    'scopes',
    ['delivery', 'delivery'],
  ],
  [
    'program',
    programSchema,
    {
      id: id(),
      organisationId: id(),
      name: '주간 반찬 배달',
      kind: 'meal_box',
      cadence: { kind: 'weekly', weekday: 3 },
      itemTemplate: [{ category: 'side_dishes', quantity: 1, unit: 'box' }],
      rounds: 13,
      startsOn: '2026-12-01',
      active: true,
      createdAt: at,
    },
    'cadence',
    { kind: 'weekly', weekday: 8 },
  ],
  [
    'need',
    needSchema,
    {
      id: id(),
      householdId: id(),
      districtCode: '4514069000',
      source: 'ad_hoc',
      category: 'bedding',
      description: '겨울 이불',
      quantity: 1,
      unit: 'piece',
      deadline: '2026-12-10',
      status: 'open',
      createdBy: id(),
      createdAt: at,
      updatedAt: at,
    },
    'deadline',
    '2026-13-01',
  ],
  [
    'carrier',
    carrierSchema,
    {
      id: id(),
      organisationId: id(),
      name: '집배원 김',
      kind: 'postal_motorbike',
      capacity: { boxes: 12, kg: 60 },
      homeDepotId: id(),
      skills: ['welfare_check'],
      anbuTimeBudgetMinutes: 90,
      active: true,
    },
    'kind',
    'rocket',
  ],
  [
    'planning run',
    planningRunSchema,
    {
      id: id(),
      date: '2026-11-26',
      districtCodes: [],
      timeLimitSeconds: 30,
      status: 'running',
      progress: { bestCost: 1234, elapsedMs: 800, iterations: 4000, fraction: 0.4 },
      attempts: 1,
      requestedBy: id(),
      createdAt: at,
    },
    'progress',
    { elapsedMs: 1, iterations: 1, fraction: 1.5 },
  ],
  [
    'plan',
    planSchema,
    {
      id: id(),
      runId: id(),
      date: '2026-11-26',
      status: 'draft',
      routes: [
        {
          id: id(),
          planId: id(),
          date: '2026-11-26',
          carrierId: id(),
          startDepotId: id(),
          stops: [stop],
          load: { boxes: 1, kg: 5 },
          distanceMeters: 5300,
          durationSeconds: 1800,
        },
      ],
      unassigned: [{ orderId: id(), reason: 'capacity', message: '적재 용량 초과' }],
      totalDistanceMeters: 5300,
      totalDurationSeconds: 1800,
      version: 1,
      createdAt: at,
    },
    'version',
    0,
  ],
  [
    'visit report',
    visitReportSchema,
    {
      id: id(),
      householdId: id(),
      carrierId: id(),
      stopId: id(),
      visitedAt: at,
      recordedAt: at,
      checklist: {
        seenInPerson: true,
        mealsSkipped: true,
        illnessOrInjury: false,
        untouchedEarlierDeliveries: false,
        homeConditions: 'normal',
        mood: 'low',
        askedForHelp: false,
      },
      mealFeedback: { liked: true, portion: 'too_much' },
    },
    'note',
    'x'.repeat(1001),
  ],
  [
    'check-in signal',
    checkInSignalSchema,
    {
      id: id(),
      householdId: id(),
      source: 'phone_inactivity',
      kind: 'no_activity',
      observedAt: at,
      state: 'retrying',
      retries: 1,
      receivedAt: at,
    },
    'observedAt',
    '2026-11-25 10:00',
  ],
  [
    'alert',
    alertSchema,
    {
      id: id(),
      householdId: id(),
      districtCode: '4514069000',
      severity: 'high',
      status: 'raised',
      reason: 'not_home_twice',
      summary: '2회 연속 부재',
      observationIds: [id()],
      raisedAt: at,
      ackDeadline: at,
      escalationLevel: 0,
    },
    'severity',
    'apocalyptic',
  ],
  [
    'notification',
    notificationSchema,
    {
      id: id(),
      channel: 'webhook',
      recipientUserId: id(),
      template: 'alert.raised',
      alertId: id(),
      subject: '새 안부 경보',
      status: 'pending',
      attempts: 0,
      createdAt: at,
    },
    'template',
    'Alert Raised!',
  ],
  [
    'api key',
    apiKeySchema,
    {
      id: id(),
      organisationId: id(),
      name: 'ERP',
      prefix: 'anbu_12ab',
      scopes: ['donations:write'],
      createdBy: id(),
      createdAt: at,
    },
    'scopes',
    [],
  ],
  [
    'audit entry',
    auditEntrySchema,
    {
      id: id(),
      at,
      actor: { kind: 'user', id: id() },
      action: 'households.get',
      resourceType: 'household',
      resourceId: id(),
      fields: ['address'],
      outcome: 'allowed',
      ip: '10.0.0.1',
    },
    'ip',
    '999.1.1.1',
  ],
];

describe('domain schemas', () => {
  it.each(cases)('should accept a valid %s', (_name, schema, sample) => {
    expect(schema.safeParse(sample).error).toBeUndefined();
  });

  it.each(cases)(
    'should reject a %s naming the broken field',
    (_name, schema, sample, field, bad) => {
      const result = schema.safeParse({ ...sample, [field]: bad });
      expect(result.success).toBe(false);
      const paths = result.error?.issues.map((issue) => issue.path[0]) ?? [];
      expect(paths).toContain(field);
    },
  );
});
